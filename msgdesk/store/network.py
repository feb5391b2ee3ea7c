"""Is a database file on a network drive?

SQLite's WAL journal needs shared memory that network file systems do not provide, so a
database on a network drive uses a rollback journal instead (and msgdesk says so).
Nothing here imports Qt or SQLAlchemy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FILE_SYSTEMS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb2", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "lustre", "gpfs", "davfs", "fuse.sshfs", "sshfs", "fuse.davfs2", "fuse.glusterfs",
    "fuse.gvfsd-fuse", "fuse.rclone", "fuse.s3fs", "fuse.cephfs", "afpfs", "webdav",
}


def _unescape_mount(text: str) -> str:
    return text.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def linux_filesystem(path: Path, mountinfo: str | None = None) -> str | None:
    """The file system type holding ``path``, from /proc/self/mountinfo."""
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text()
        except OSError:
            return None
    target = str(path)
    best, best_type = "", None
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5:
            continue
        mount_point = _unescape_mount(fields[4])
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, right.split()[0]
    return best_type


def _mac_is_remote(path: Path) -> bool:  # pragma: no cover - macOS only
    import ctypes
    import ctypes.util

    class StatFs(ctypes.Structure):
        _fields_ = [
            ("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32),
            ("f_blocks", ctypes.c_uint64), ("f_bfree", ctypes.c_uint64), ("f_bavail", ctypes.c_uint64),
            ("f_files", ctypes.c_uint64), ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2),
            ("f_owner", ctypes.c_uint32), ("f_type", ctypes.c_uint32), ("f_flags", ctypes.c_uint32),
            ("f_fssubtype", ctypes.c_uint32), ("f_fstypename", ctypes.c_char * 16),
            ("f_mntonname", ctypes.c_char * 1024), ("f_mntfromname", ctypes.c_char * 1024),
            ("f_flags_ext", ctypes.c_uint32), ("f_reserved", ctypes.c_uint32 * 7),
        ]

    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    try:
        statfs = libc["statfs$INODE64"]  # Intel Macs
    except AttributeError:
        statfs = libc["statfs"]
    buf = StatFs()
    if statfs(os.fsencode(str(path)), ctypes.byref(buf)) != 0:
        return False
    MNT_LOCAL = 0x00001000
    return not (buf.f_flags & MNT_LOCAL) or buf.f_fstypename.decode(errors="replace") in NETWORK_FILE_SYSTEMS


def _windows_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive, _rest = os.path.splitdrive(str(path))
    if drive.startswith(("\\\\", "//")):
        return True  # \\server\share
    if not drive:
        return False
    DRIVE_REMOTE = 4
    windll = getattr(ctypes, "windll")  # noqa: B009 - Windows only; mypy reads the Linux ctypes
    return bool(windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)


def is_network_path(path: str | os.PathLike[str]) -> bool:
    """True if ``path`` (or the folder it would be created in) is on a network drive."""
    path = Path(path).absolute()
    probe = path if path.exists() else path.parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        given, probe = probe, probe.resolve()
        if sys.platform.startswith("linux"):
            return (linux_filesystem(probe) or "") in NETWORK_FILE_SYSTEMS
        if sys.platform == "darwin":
            return _mac_is_remote(probe)
        if os.name == "nt":
            # A mapped drive (H:) resolves to its share (\\server\share) on Windows; the
            # drive's own type is asked too, for a drive letter that does not resolve so.
            return _windows_is_remote(given) or _windows_is_remote(probe)
    except Exception:  # detection must never stop the app opening
        return False
    return False


NETWORK_NOTICE = (
    "Your database is on a network drive. msgdesk keeps it safe there by saving each change "
    "straight to the file (a rollback journal), which is a little slower. For speed, keep it "
    "on this computer's own disk."
)
