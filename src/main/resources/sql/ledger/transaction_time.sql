-- The transaction's time: the lastChecked of the assets it changes and the lastCalculated of its totals.
SELECT now() AS now;
