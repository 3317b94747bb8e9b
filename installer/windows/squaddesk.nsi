; squaddesk Windows installer (NSIS 3, Unicode, Simplified-Chinese UI).
; Build on Windows after PyInstaller (see installer/BUILDING.md):
;   makensis /DVERSION=0.1.0 /DDIST=..\..\dist\squaddesk installer\windows\squaddesk.nsi
; Installs the one-folder bundle, Start-menu and desktop shortcuts, registers an uninstaller.
; Uninstalling keeps the clerk's data folder unless the box "同时删除本机数据" is ticked.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef DIST
  !define DIST "..\..\dist\squaddesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "squaddesk-setup-${VERSION}.exe"
!endif

!define APPNAME "squaddesk"
!define DISPLAYNAME "squaddesk 综合行政执法中队办公系统"
!define PUBLISHER "县综合行政执法局"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"

Name "${DISPLAYNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APPNAME}"
InstallDirRegKey HKLM "Software\${APPNAME}" "InstallDir"
RequestExecutionLevel admin
BrandingText "${DISPLAYNAME} ${VERSION}"

!include "MUI2.nsh"
!include "x64.nsh"

!define MUI_ABORTWARNING
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从本机卸载 squaddesk 程序。案件、文书和证据数据默认保留，可在下一步选择是否删除。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\squaddesk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "立即启动 squaddesk"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${DISPLAYNAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${DISPLAYNAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PUBLISHER}"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "squaddesk 需要 64 位 Windows 10 或更新版本。"
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Section "squaddesk" SecMain
  SectionIn RO
  SetShellVarContext all
  ; An upgrade replaces the program files only; the data folder is upgraded in place by the
  ; program's migrations (with a backup first) at its next start.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\squaddesk"
  CreateShortcut "$SMPROGRAMS\squaddesk\squaddesk 执法中队办公系统.lnk" "$INSTDIR\squaddesk.exe"
  CreateShortcut "$SMPROGRAMS\squaddesk\卸载 squaddesk.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\squaddesk 执法中队办公系统.lnk" "$INSTDIR\squaddesk.exe"

  WriteRegStr HKLM "Software\${APPNAME}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${DISPLAYNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\squaddesk.exe"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "un.squaddesk 程序文件" UnSecProgram
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  Delete "$DESKTOP\squaddesk 执法中队办公系统.lnk"
  RMDir /r "$SMPROGRAMS\squaddesk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\squaddesk.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTKEY}"
  DeleteRegKey HKLM "Software\${APPNAME}"
SectionEnd

; Unticked by default (/o): the clerk's cases, documents and evidence stay unless asked.
Section /o "un.同时删除本机数据（案件、文书、证据、备份）" UnSecData
  SetShellVarContext current
  RMDir /r "$LOCALAPPDATA\squaddesk"
SectionEnd

LangString DESC_UnSecData ${LANG_SIMPCHINESE} "删除当前 Windows 用户的 squaddesk 数据文件夹。删除后无法恢复，请先确认已同步到县局或已另行备份。"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnSecData} $(DESC_UnSecData)
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
