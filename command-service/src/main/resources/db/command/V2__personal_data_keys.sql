-- One AES key per user for the personal data sealed inside events. Deleting the row is what erases that
-- data from the immutable log (crypto-shredding); query-service reads this table to open sealed values.
CREATE TABLE personal_data_keys (
    user_id    CHAR(24)    NOT NULL PRIMARY KEY,
    key_bytes  BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
