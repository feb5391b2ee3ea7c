; msgdesk's Windows installer: per user, no administrator rights.
;
; Council and NHS laptops are locked down: an installer that asks for elevation cannot be
; run by the officer.  So this one installs for the current user only, into
; %LOCALAPPDATA%\Programs\msgdesk (where per-user programs go), with a Start-menu shortcut
; and an uninstaller registered under HKCU (Settings -> Apps lists it).  The user's data is
; never touched: it lives in %LOCALAPPDATA%\msgdesk, and uninstalling leaves it.
;
; Built by scripts/build_windows.sh:
;   makensis -DVERSION=0.1.0 -DSOURCE=dist\msgdesk-windows -DOUTFILE=... -DICON=... msgdesk.nsi

; A 64-bit installer, like the app it installs (x64 only).  It also lets the smoke test run
; it under a 64-bit-only wine, which cannot start NSIS's usual 32-bit stub.
Target amd64-unicode
!ifdef RELEASE
  SetCompressor /SOLID lzma  ; 51 MB; about 5 minutes on two busy cores
!else
  SetCompressor zlib  ; 63 MB; about 1 minute: CI and everyday builds
!endif
RequestExecutionLevel user

!ifndef VERSION
  !error "VERSION is required (-DVERSION=...)"
!endif
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\msgdesk"

Name "msgdesk ${VERSION}"
OutFile "${OUTFILE}"
Icon "${ICON}"
UninstallIcon "${ICON}"
InstallDir "$LOCALAPPDATA\Programs\msgdesk"
; Its own key, under the one msgdesk's settings live in (Software\msgdesk\msgdesk, QSettings),
; so the uninstaller can remove it and leave the settings.
InstallDirRegKey HKCU "Software\msgdesk\Installer" "InstallDir"
ShowInstDetails nevershow
ShowUninstDetails nevershow

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Section "msgdesk"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program folder whole, so no file of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\msgdesk.lnk" "$INSTDIR\msgdesk.exe" "" "$INSTDIR\msgdesk.exe" 0
  WriteRegStr HKCU "Software\msgdesk\Installer" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "msgdesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "msgdesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\msgdesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\msgdesk.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\msgdesk.exe"
  Delete "$INSTDIR\msgdesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\msgdesk\Installer"
SectionEnd
