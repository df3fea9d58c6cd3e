; Inno Setup script: a per-user installer for the PyInstaller build in dist\Planbord.
; Build on Windows:  iscc installers\windows\planbord.iss
#define AppName "Planbord"
#define AppVersion "0.1.0"

[Setup]
AppId={{6F0C4B1E-5D2A-4C1B-9A57-50C6C2426264}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Planbord
DefaultDirName={localappdata}\Programs\Planbord
DefaultGroupName=Planbord
PrivilegesRequired=lowest
OutputBaseFilename=Planbord-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Files]
Source: "..\..\dist\Planbord\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Planbord"; Filename: "{app}\Planbord.exe"
Name: "{userdesktop}\Planbord"; Filename: "{app}\Planbord.exe"

[Registry]
; Double-clicking a .planbord file opens it in Planbord.
Root: HKCU; Subkey: "Software\Classes\.planbord"; ValueType: string; ValueData: "Planbord.Werkbestand"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\Planbord.Werkbestand"; ValueType: string; ValueData: "Planbord-werkbestand"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Planbord.Werkbestand\shell\open\command"; ValueType: string; ValueData: """{app}\Planbord.exe"" ""%1"""

[Run]
Filename: "{app}\Planbord.exe"; Description: "Planbord starten"; Flags: nowait postinstall skipifsilent
