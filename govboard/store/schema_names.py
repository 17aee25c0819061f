"""What identifies a trust file and its schema, without importing sqlite-utils.

Opening a file only needs these names; sqlite-utils (a noticeable part of start-up) is imported
when a migration actually has to run. A test keeps MIGRATION_NAMES equal to schema.py's set.
"""

FILE_FORMAT = "govboard trust file"
MIGRATION_NAMES: tuple[str, ...] = ("m0001_initial", "m0002_meeting_cycle_and_real_files",
                                    "m0003_companies_house_pages", "m0004_child_key_indexes")
