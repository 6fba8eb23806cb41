"""The encrypted store: SQLCipher connection, schema and migrations, repositories."""
