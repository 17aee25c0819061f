; Inno Setup script: the Windows installer for govboard (Inno Setup 6.3 or later).
;
; Build it on Windows, from the repository root, after freezing the app:
;   python -m venv build\pkgenv
;   build\pkgenv\Scripts\pip install -e ".[package]"
;   build\pkgenv\Scripts\python packaging\build_app.py     (makes dist\govboard\, smoke-tests it)
;   iscc /DAppVersion=0.1.0 packaging\windows\govboard.iss  (build_app.py prints this line)
; The installer is written to dist\installer\govboard-<version>-setup.exe.
;
; It installs dist\govboard\ (govboard.exe, the app; govboard-cli.exe, the command line) into
; Program Files, or for the current user only if they choose so (no administrator rights
; needed then), adds a Start-menu shortcut, opens .govboard files with govboard.exe, and
; registers an uninstaller. Uninstalling leaves trust files, settings and logs alone.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z govboard.iss (packaging\build_app.py prints the command)
#endif

#define AppName "govboard"
#define AppExe "govboard.exe"
#define FileExt ".govboard"
#define ProgId "govboard.TrustFile"
#define Root "..\.."

[Setup]
; AppId identifies the app to Windows across versions (upgrades, uninstall): never change it.
AppId={{94E0797A-8829-451F-AF6E-08FA016DB023}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=govboard
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Administrators install for everyone; anyone else can pick "only for me" in the dialog.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
OutputDir={#Root}\dist\installer
OutputBaseFilename={#AppName}-{#AppVersion}-setup
; Made from resources\icons\govboard.svg by the PyInstaller build (packaging\make_icon.py).
SetupIconFile={#Root}\build\govboard\govboard.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2
SolidCompression=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled libraries wholesale, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\govboard\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .govboard files open in govboard ("govboard.exe <file>": govboard.ui.app takes the file as its
; argument). HKA is HKLM for an install for everyone and HKCU for a per-user install.
Root: HKA; Subkey: "Software\Classes\{#FileExt}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#FileExt}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "govboard trust file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#FileExt}"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
