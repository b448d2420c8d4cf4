# Where things go: the same layout in the build tree as in an installation (GNUInstallDirs), so that the programs
# find their modules relative to themselves in both and no build-time path is ever compiled in (issue 15).
#
#   <prefix>/bin/ncre-desk, ncre-photo, ncre-server
#   <prefix>/lib/<multiarch>/ncre-desk/modules/*.so   (Windows: bin/modules/*.dll; macOS bundle: Contents/PlugIns)
#   <prefix>/share/ncre-desk/translations/*.qm, ncre-photo-spec.json
#   <prefix>/share/applications, metainfo, icons/hicolor
include(GNUInstallDirs)

if(WIN32)
    set(NCRE_INSTALL_MODULEDIR "${CMAKE_INSTALL_BINDIR}/modules")
else()
    set(NCRE_INSTALL_MODULEDIR "${CMAKE_INSTALL_LIBDIR}/ncre-desk/modules")
endif()
set(NCRE_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/ncre-desk")
# The modules' directory as seen from the programs' (ModuleLoader): "../lib/x86_64-linux-gnu/ncre-desk/modules".
file(RELATIVE_PATH NCRE_MODULE_RELATIVE_DIR "/${CMAKE_INSTALL_BINDIR}" "/${NCRE_INSTALL_MODULEDIR}")
file(RELATIVE_PATH NCRE_DATA_RELATIVE_DIR "/${CMAKE_INSTALL_BINDIR}" "/${NCRE_INSTALL_DATADIR}")

set(NCRE_PROGRAM_OUTPUT_DIR "${CMAKE_BINARY_DIR}/${CMAKE_INSTALL_BINDIR}")
set(NCRE_MODULE_DIR "${CMAKE_BINARY_DIR}/${NCRE_INSTALL_MODULEDIR}")

# ncre_add_program(name [WIN32] [MACOSX_BUNDLE] sources...): one of the three programs, built into the build tree's
# bin/ (beside its modules, as installed), with --version from the project version, installed with its component.
function(ncre_add_program name component)
    qt_add_executable(${name} ${ARGN})
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${NCRE_PROGRAM_OUTPUT_DIR}")
    target_compile_definitions(${name} PRIVATE NCRE_VERSION="${PROJECT_VERSION}")
    install(TARGETS ${name}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT ${component}
        BUNDLE DESTINATION . COMPONENT ${component})
endfunction()

# The project's translations (translations/*.ts; scripts/update-translations refreshes them from the sources),
# compiled into `target` at :/i18n. Programs also install the .qm files, which a translator can replace.
set(NCRE_TS_FILES
    ${PROJECT_SOURCE_DIR}/translations/ncre_zh_CN.ts
    ${PROJECT_SOURCE_DIR}/translations/ncre_en.ts)
function(ncre_add_translations target)
    qt_add_translations(${target} TS_FILES ${NCRE_TS_FILES} RESOURCE_PREFIX /i18n)
endfunction()
