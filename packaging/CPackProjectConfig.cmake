# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE). Debian: each component's description starts with
# its own synopsis (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION), so CPackDeb must not put the package-wide summary before
# it — it does so unless the summary is CPack's default (lintian: description-synopsis-is-duplicated).
if(CPACK_GENERATOR STREQUAL "DEB")
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}")
endif()
