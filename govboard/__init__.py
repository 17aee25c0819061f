"""govboard: governance registers and compliance checks for English academy trusts."""

__version__ = "0.1.0"
APP_NAME = "govboard"
FILE_SUFFIX = ".govboard"
