"""Qt Designer forms and resources compiled by packaging/build_qt.py. Do not edit."""
