-- The state last announced to webhooks of each limit of a scope (a customer's or a space's policy: numberOfStoredImages,
-- totalSizeOfStoredImages; a user's capacity: used). No row: normal. Written only by a write group that changes a
-- limit's state, while it holds the scope's totals row locked. space is -1 and user_id '' where they do not apply.
CREATE TABLE quota_announced (
    customer integer NOT NULL,
    space    integer NOT NULL DEFAULT -1,
    user_id  text    NOT NULL DEFAULT '',
    lim      text    NOT NULL,
    state    text    NOT NULL,
    PRIMARY KEY (customer, space, user_id, lim)
);
