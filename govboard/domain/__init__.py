"""Governance domain: enums, records, the snapshot and validation. Standard library only."""
