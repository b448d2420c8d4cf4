# Windows: an NSIS installer (docs/packaging.md). windeployqt (through Qt's deploy script) copies Qt's libraries
# and plugins beside ncre-desk.exe; the modules sit in bin/modules (cmake/NcreLayout.cmake).
set(CPACK_GENERATOR NSIS ZIP)
set(CPACK_NSIS_PACKAGE_NAME "NCRE Desk")
set(CPACK_NSIS_DISPLAY_NAME "NCRE Desk ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON ${CMAKE_CURRENT_SOURCE_DIR}/windows/ncre-desk.ico)
set(CPACK_NSIS_MUI_UNIICON ${CMAKE_CURRENT_SOURCE_DIR}/windows/ncre-desk.ico)
set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\\\ncre-desk.exe)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_URL_INFO_ABOUT "${CPACK_PACKAGE_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "NCRE Desk")
# Start-menu entry (and the uninstaller NSIS always writes).
set(CPACK_PACKAGE_EXECUTABLES "ncre-desk" "NCRE Desk")
set(CPACK_CREATE_DESKTOP_LINKS "ncre-desk")
set(CPACK_COMPONENTS_ALL ncre-desk)

# The program's icon (Explorer, the taskbar, the start menu).
target_sources(ncre-desk PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/windows/ncre-desk.rc)

# Qt's deployment (windeployqt) for the installed program.
qt_generate_deploy_app_script(TARGET ncre-desk OUTPUT_SCRIPT ncre_desk_deploy NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${ncre_desk_deploy} COMPONENT ncre-desk)
