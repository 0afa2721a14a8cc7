-- Cheaper writes of synced rows (issue 13: the push is bound by its INSERT). Undone by dropping
-- the column's NOT NULL, making it generated again (drop and re-add it as in 004) and recreating
-- 007's entities_prospect_rows.
--
-- A row's size is written by whoever writes the row: the server has the document's JSON in
-- hand, and the generated column made Postgres print every document back to text on insert.
-- Rows written before keep their sizes. Every INSERT and every UPDATE of doc must now set it
-- (the UTF-8 bytes of the document's JSON; NOT NULL catches a writer that forgets).
ALTER TABLE entities ALTER COLUMN bytes DROP EXPRESSION;
ALTER TABLE entities ALTER COLUMN bytes SET NOT NULL;

-- entities_person (team_id, doc->>'prospectId') finds the same rows for the review link's page;
-- this one only made every note and activity written cost a second index entry.
DROP INDEX entities_prospect_rows;
