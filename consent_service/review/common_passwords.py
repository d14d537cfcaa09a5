"""Very common passwords of 12 characters or more, refused whatever the account.

Shorter ones are refused by length already. The list is short on purpose: it catches the
passwords that every guessing tool tries first (from public breach frequency lists), not every
weak one; length does the rest.
"""

COMMON_PASSWORDS = frozenset({
    "000000000000", "098765432109", "111111111111", "121212121212", "123123123123", "123412341234",
    "123456123456", "123456789012", "1234567890123", "12345678901234", "1234567890qwerty",
    "123456789123", "12345678abcd", "12345678qwer", "1234qwerasdf", "1q2w3e4r5t6y",
    "1q2w3e4r5t6y7u", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "987654321098", "a1b2c3d4e5f6",
    "aa123456789a", "aaaaaaaa1111", "abc123456789", "abcd12345678", "abcdefghijkl", "admin1234567",
    "admin12345678", "adminadmin123", "administrator", "administrator1", "asdfasdfasdf",
    "asdfghjkl123", "asdfghjkl1234", "autumn2024!!", "baseball1234", "changeme123!",
    "changeme1234", "computer1234", "consent-service", "consent12345", "consentservice",
    "correcthorsebatterystaple", "december2024", "dragon123456", "football1234", "hello1234567",
    "helloworld123", "iloveyou1234", "iloveyou12345", "internet1234", "january2024!",
    "letmein12345", "letmein123456", "letmeinletmein", "master123456", "michael12345",
    "monkey123456", "mypassword123", "p4ssw0rd1234", "p@ssw0rd1234", "p@ssword1234",
    "passw0rd1234", "password1234", "password1234!", "password12345", "password123456",
    "password2020", "password2021", "password2022", "password2023", "password2024", "password2025",
    "passwordpassword", "princess1234", "q1w2e3r4t5y6", "qazwsxedcrfv", "qwerty123456",
    "qwerty1234567", "qwerty1234567890", "qwertyqwerty", "qwertyuiop12", "qwertyuiop123",
    "qwertyuiopasdf", "qwertyuiopasdfghjkl", "root12345678", "secret123456", "shadow123456",
    "spring2024!!", "starwars1234", "summer2024!!", "sunshine1234", "superman1234",
    "thequickbrownfox", "trustno1trustno1", "welcome12345", "welcome123456", "welcome2024!",
    "whatever1234", "winter2024!!", "zaq12wsxcde3", "zxcvbnm12345"
})
