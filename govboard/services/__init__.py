"""Use cases shared by the command line and the desktop app. No Qt here."""
