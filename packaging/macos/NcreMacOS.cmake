# macOS: ncre-desk.app (MACOSX_BUNDLE, Info.plist below) with Qt deployed by macdeployqt through Qt's deploy script,
# the modules in Contents/PlugIns/ncre-desk (ModuleLoader looks there), packed into a DragNDrop .dmg.
set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "NCRE Desk")
set(CPACK_COMPONENTS_ALL ncre-desk)
set_target_properties(ncre-desk PROPERTIES
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in
    MACOSX_BUNDLE_BUNDLE_NAME "NCRE Desk"
    MACOSX_BUNDLE_GUI_IDENTIFIER io.github.ncredesk.NcreDesk
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_ICON_FILE ncre-desk.icns)
set(ncre_icns ${CMAKE_CURRENT_SOURCE_DIR}/macos/ncre-desk.icns)
set_source_files_properties(${ncre_icns} PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
target_sources(ncre-desk PRIVATE ${ncre_icns})
# Modules and ncre-photo into the bundle.
get_property(ncre_modules GLOBAL PROPERTY NCRE_MODULE_TARGETS)
foreach(module ${ncre_modules})
    install(TARGETS ${module} LIBRARY DESTINATION ncre-desk.app/Contents/PlugIns/ncre-desk COMPONENT ncre-desk)
endforeach()
install(TARGETS ncre-photo RUNTIME DESTINATION ncre-desk.app/Contents/MacOS COMPONENT ncre-desk)
if(TARGET ncre-server) # beside ncre-desk, for --demo
    install(TARGETS ncre-server RUNTIME DESTINATION ncre-desk.app/Contents/MacOS COMPONENT ncre-desk)
endif()
qt_generate_deploy_app_script(TARGET ncre-desk OUTPUT_SCRIPT ncre_desk_deploy NO_UNSUPPORTED_PLATFORM_ERROR)
install(SCRIPT ${ncre_desk_deploy} COMPONENT ncre-desk)
