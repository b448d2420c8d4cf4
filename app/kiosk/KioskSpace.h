#pragma once

#include "Result.h"

#include <QStringList>

namespace ncre {

// The places where a kiosk candidate's traces can be on disk (architecture §6, issue 16): the application's data,
// cache and config locations (QStandardPaths) and a private temporary folder that the kiosk makes the process's
// TMPDIR, so Qt's own temporary files (print spooling, for one) land there too. A kiosk runs under its own
// application name, so these are not the desktop client's folders.
//
// wipe() empties them all: each file is overwritten with zeros, then removed; folders go after their files. What it
// cannot remove is counted and reported (store.write, field "kiosk"; never a file name, which may carry personal
// data), and the kiosk does not greet the next candidate while anything is left.
namespace KioskSpace {

// Makes the folders (mode 0700) and points TMPDIR at the private temporary folder. Call once, after
// QCoreApplication exists (the locations depend on its names) and before anything writes a file.
Result<void> prepare();
// Every folder wipe() empties, absolute, existing after prepare().
QStringList locations();
// The private temporary folder (inside the cache location).
QString temporaryFolder();
// Removes everything inside locations(); the folders themselves stay.
Result<void> wipe();
// Where the staff PIN gate keeps its count of wrong PINs and its lock (PinGate), outside the wiped folders and on
// disk: $XDG_STATE_HOME/ncre-desk/staff-pin (default ~/.local/state). Two numbers, nothing of a candidate.
QString pinStateFile();

} // namespace KioskSpace

} // namespace ncre
