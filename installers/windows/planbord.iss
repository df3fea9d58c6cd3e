; Inno Setup script: a per-user Windows installer for the bundle that `make dist` builds on
; Windows (dist\Planbord). Not built in this project's CI (Linux); see installers\README.md.
; Build on Windows, in the project folder, after `make dist` (or pyinstaller installers\planbord.spec):
;   iscc /DAppVersion=0.1.0 installers\windows\planbord.iss
; Result: dist\Planbord-<version>-setup.exe. AppVersion must be the version in pyproject.toml
; (tests/test_installers.py checks the default below against it).
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Planbord"
#define AppExe "Planbord.exe"
#define FileClass "Planbord.Werkbestand"

[Setup]
; The AppId identifies the program for updates and uninstall: never change it.
AppId={{6F0C4B1E-5D2A-4C1B-9A57-50C6C2426264}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Planbord
VersionInfoVersion={#AppVersion}
; Per user, no administrator needed: a programme manager's laptop is often locked down.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\icons\planbord.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "Een snelkoppeling op het bureaublad maken"; GroupDescription: "Snelkoppelingen:"; Flags: unchecked

[Files]
Source: "..\..\dist\Planbord\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion
; The .planbord files' own icon (the DefaultIcon below).
Source: "..\icons\planbord-document.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Het Uitvoeringsplan van de jeugdhulpregio"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .planbord files: their own icon, and a double-click opens them in Planbord. HKA is the
; current user's Software\Classes here (PrivilegesRequired=lowest); uninstall removes it all.
Root: HKA; Subkey: "Software\Classes\.planbord"; ValueType: string; ValueName: ""; ValueData: "{#FileClass}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.planbord\OpenWithProgids"; ValueType: string; ValueName: "{#FileClass}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#FileClass}"; ValueType: string; ValueName: ""; ValueData: "Planbord-werkbestand"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#FileClass}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\planbord-document.ico,0"
Root: HKA; Subkey: "Software\Classes\{#FileClass}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".planbord"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Planbord starten"; Flags: nowait postinstall skipifsilent

; Uninstalling removes the program, its Start menu entry and the file association; the
; user's plans, backups, settings and logs (in %LOCALAPPDATA%\Planbord) are kept.
