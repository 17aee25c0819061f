"""The light list of migration names must match the real migration set."""

from govboard.store import schema, schema_names


def test_migration_names_match_the_schema():
    assert list(schema_names.MIGRATION_NAMES) == schema.known_migration_names()
    assert schema.FILE_FORMAT == schema_names.FILE_FORMAT
