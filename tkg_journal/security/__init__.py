"""Key handling: the OS keyring, the passphrase KDF and the recovery key.

Nothing here prompts: callers ask the user and pass the answers in.
"""
