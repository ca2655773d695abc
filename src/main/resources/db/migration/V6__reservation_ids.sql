-- Every reservation id ever made, kept after its reservation is used up, released, expired and removed: a record
-- that names a reservation no longer live is a plain write, and one that names an id never made is refused (404).
-- The ids of reservations made before this version are known only while their rows still exist.
CREATE TABLE reservation_made (
    customer integer NOT NULL REFERENCES customer (id),
    id       text    NOT NULL,
    PRIMARY KEY (customer, id)
);

INSERT INTO reservation_made (customer, id) SELECT customer, id FROM reservation;
