; Inno Setup script: a Windows installer for the one-folder build.
;
;   python dev.py build                                  (on Windows: dist\BeratungsDesk\)
;   iscc /DAppVersion=0.1.0 installer\windows\beratungsdesk.iss
;
; AppVersion must be the package version (src\beratungsdesk\__init__.py); the README shows a
; one-liner that reads it. The result is dist\BeratungsDesk-<version>-setup.exe. Installs per
; user by default into %LOCALAPPDATA%\Programs\BeratungsDesk (no administrator needed; the dialog
; offers "for all users", /CURRENTUSER on the command line skips it), shows the licence (LICENSE)
; and the version, adds a Start menu entry, and registers .bdsk handover files: double-clicking
; one starts BeratungsDesk --open-bundle "<file>", which shows the unlock window and then the
; handover page. Uninstalling removes the program folder and the file type. The data (the
; encrypted store in %LOCALAPPDATA%\BeratungsDesk) is never touched by setup or uninstall.
; tests/unit/test_installer_facts.py reads this file for these facts; the release workflow
; installs and uninstalls it on Windows.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z installer\windows\beratungsdesk.iss
#endif

#define AppName "BeratungsDesk"
#define AppExe "BeratungsDesk.exe"
#define ProgId "BeratungsDesk.Bundle"
#define Root "..\.."

[Setup]
AppId={{6B0E2D4C-6C55-4C1B-9E0B-8B5B3F1D2A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=BeratungsDesk
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
LicenseFile={#Root}\LICENSE
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\app\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Languages]
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\BeratungsDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .bdsk -> BeratungsDesk.Bundle -> "BeratungsDesk.exe --open-bundle "%1"" (per user or machine,
; following the install mode: HKA is HKCU or HKLM).
Root: HKA; Subkey: "Software\Classes\.bdsk"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.bdsk\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "BeratungsDesk handover file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" --open-bundle ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".bdsk"; ValueData: ""

[UninstallDelete]
; Only the program's own folder, once it is empty; never the data folder.
Type: dirifempty; Name: "{app}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
