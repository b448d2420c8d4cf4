# Compiler launcher, warnings and sanitizers for every target of the tree.

find_program(NCRE_CCACHE ccache)
if(NCRE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${NCRE_CCACHE}")
endif()

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    add_compile_options(-Wall -Wextra -Wpedantic)
    if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        # Qt's qCDebug(category) with no message arguments is a GNU extension clang names under -Wpedantic.
        add_compile_options(-Wno-gnu-zero-variadic-macro-arguments)
    endif()
    if(NCRE_WERROR)
        add_compile_options(-Werror)
    endif()
endif()

if(NCRE_SANITIZE)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        message(FATAL_ERROR "NCRE_SANITIZE needs GCC or Clang")
    endif()
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# No QString from const char* without a deliberate choice (translations, encodings).
add_compile_definitions(QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
