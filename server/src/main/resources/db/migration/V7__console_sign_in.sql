-- Where a browser sign-in returns to (a path of this server), for flows that start elsewhere than the home page.
ALTER TABLE sign_in_requests ADD COLUMN return_to text;

-- One-time codes that hand a browser sign-in over to the desktop console (OAuth for installed apps: a loopback
-- redirect and PKCE). Stored hashed; usable once, for two minutes.
CREATE TABLE console_codes (
    code_hash       text PRIMARY KEY,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_challenge  text NOT NULL,
    redirect_uri    text NOT NULL,
    expires_at      timestamptz NOT NULL
);
