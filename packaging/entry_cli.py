"""PyInstaller's entry script for govboard-cli(.exe), the console command."""

from govboard.cli import main

if __name__ == "__main__":
    main(prog_name="govboard-cli")
