"""Panel leads inviting members and guests by email, with an accept link."""
