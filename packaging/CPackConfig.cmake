# CPack: Debian (.deb), RPM and tarball packages per component, and the Windows/macOS generators where they run.
set(CPACK_PACKAGE_NAME ncre-desk)
set(CPACK_PACKAGE_VENDOR "NCRE Desk developers")
set(CPACK_PACKAGE_CONTACT "NCRE Desk developers <ncre-desk@users.noreply.github.com>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/ncredesk/ncre-desk")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Registration client for the National Computer Rank Examination")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL ncre-desk ncre-server)
set(CPACK_PACKAGE_FILE_NAME ncre-desk-${PROJECT_VERSION}-${CMAKE_SYSTEM_NAME})

set(CPACK_COMPONENT_NCRE-DESK_DISPLAY_NAME "NCRE Desk")
set(CPACK_COMPONENT_NCRE-DESK_DESCRIPTION
"NCRE Desk is the desktop client with which candidates register for China's
National Computer Rank Examination: log in, accept the agreement, fill in the
form, choose a test site and subjects, crop and check the ID photo locally,
pay, and download and print the registration form and admission ticket.
Drafts survive crashes and lost networks; the ticket opens offline.
.
Also contains ncre-photo, which checks and fixes ID photos against the
published photo rules from the command line.")
set(CPACK_COMPONENT_NCRE-SERVER_DISPLAY_NAME "NCRE registration server")
set(CPACK_COMPONENT_NCRE-SERVER_DESCRIPTION
"ncre-server is the reference NCRE registration API: accounts, the
registration form, test sites and seats, photo checks, review, payment
orders and the registration form and admission ticket as PDF.
.
It runs as a sandboxed systemd service with a dynamic user and keeps its
SQLite database under /var/lib/ncre-server.")

if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    set(CPACK_GENERATOR DEB RPM TGZ)
    # Each package its own synopsis (the first line of the Debian description; RPM's Summary).
    set(CPACK_DEBIAN_NCRE-DESK_DESCRIPTION "Registration client for the National Computer Rank Examination\n${CPACK_COMPONENT_NCRE-DESK_DESCRIPTION}")
    set(CPACK_DEBIAN_NCRE-SERVER_DESCRIPTION "Registration server for the National Computer Rank Examination\n${CPACK_COMPONENT_NCRE-SERVER_DESCRIPTION}")
    set(CPACK_RPM_NCRE-DESK_PACKAGE_SUMMARY "Registration client for the National Computer Rank Examination")
    set(CPACK_RPM_NCRE-SERVER_PACKAGE_SUMMARY "Registration server for the National Computer Rank Examination")
    # Debian
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
    set(CPACK_DEBIAN_PACKAGE_SECTION education)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    set(CPACK_DEBIAN_NCRE-DESK_PACKAGE_NAME ncre-desk)
    set(CPACK_DEBIAN_NCRE-SERVER_PACKAGE_NAME ncre-server)
    set(CPACK_DEBIAN_NCRE-SERVER_PACKAGE_SECTION web)
    # What the programs need beyond their libraries (plugins, which shlibdeps cannot see): the platform plugins,
    # the SVG icon engine and image plugin (every icon of the desk is SVG: without them the navigation and tabs
    # show blanks), the SQLite driver for the drafts, and Chinese fonts (the server renders Chinese PDFs too).
    # --demo starts a local ncre-server when it is installed.
    set(CPACK_DEBIAN_NCRE-DESK_PACKAGE_DEPENDS "fonts-noto-cjk, qt6-qpa-plugins, libqt6svg6, libqt6sql6-sqlite")
    set(CPACK_DEBIAN_NCRE-DESK_PACKAGE_RECOMMENDS "qt6-translations-l10n, gnome-keyring | kwalletmanager")
    # A kiosk terminal (docs/kiosk.md): the Wayland kiosk compositor and Qt on Wayland, printing, the on-screen keyboard.
    # A kiosk's camera goes through Qt Multimedia's GStreamer backend, which needs the base plugins (videoconvert,
    # appsink) and the good ones (v4l2src); without them it cannot open a camera (and GStreamer complains on stderr).
    set(CPACK_DEBIAN_NCRE-DESK_PACKAGE_SUGGESTS "ncre-server, cage, xwayland, qt6-wayland, cups, qt6-virtualkeyboard-plugin, qml6-module-qtquick-virtualkeyboard, gstreamer1.0-plugins-base, gstreamer1.0-plugins-good")
    set(CPACK_DEBIAN_NCRE-SERVER_PACKAGE_DEPENDS "fonts-noto-cjk, libqt6sql6-sqlite")
    # On PostgreSQL, behind HAProxy (docs/scaling.md): Qt's PostgreSQL driver, and the proxy.
    set(CPACK_DEBIAN_NCRE-SERVER_PACKAGE_RECOMMENDS "libqt6sql6-psql")
    set(CPACK_DEBIAN_NCRE-SERVER_PACKAGE_SUGGESTS "postgresql, haproxy")
    set(CPACK_DEBIAN_NCRE-SERVER_PACKAGE_CONTROL_EXTRA
        ${CMAKE_CURRENT_SOURCE_DIR}/linux/ncre-server-deb/postinst
        ${CMAKE_CURRENT_SOURCE_DIR}/linux/ncre-server-deb/prerm
        ${CMAKE_CURRENT_SOURCE_DIR}/linux/ncre-server-deb/postrm
        ${CMAKE_CURRENT_SOURCE_DIR}/linux/ncre-server-deb/conffiles)
    # RPM
    set(CPACK_RPM_COMPONENT_INSTALL ON)
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_LICENSE "GPL-3.0-or-later")
    set(CPACK_RPM_PACKAGE_GROUP "Applications/Education")
    set(CPACK_RPM_PACKAGE_AUTOREQ ON)
    set(CPACK_RPM_NCRE-DESK_PACKAGE_NAME ncre-desk)
    set(CPACK_RPM_NCRE-SERVER_PACKAGE_NAME ncre-server)
    set(CPACK_RPM_NCRE-DESK_PACKAGE_REQUIRES "qt6-qtsvg")
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/lib/systemd /usr/lib/systemd/system /etc
        /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor /usr/share/applications)
    set(CPACK_RPM_NCRE-SERVER_USER_FILELIST "%config(noreplace) /etc/ncre-server/ncre-server.ini")
    # Tarball: one per component, to unpack under a prefix.
    set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
elseif(WIN32)
    include(${CMAKE_CURRENT_SOURCE_DIR}/windows/NcreWindows.cmake)
elseif(APPLE)
    include(${CMAKE_CURRENT_SOURCE_DIR}/macos/NcreMacOS.cmake)
endif()

set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_SOURCE_DIR}/CPackProjectConfig.cmake)
include(CPack)
