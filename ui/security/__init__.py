"""Security UI: the idle screen lock and the restore-from-backup dialog."""
