-- Appends :n counted ratings (with their interactions and the employee each names) spread over the last 365 days.
-- Employees are drawn evenly (a multiplicative hash of the row number), kinds with a realistic mix, values skewed
-- towards 4–5 with lower values for offender processing. Codes are "G<batch>-<row>" so that batches never collide.
\set ON_ERROR_STOP on
-- Bulk load: the generated rows are consistent by construction, so foreign-key triggers are skipped (superuser only).
SET session_replication_role = replica;
CREATE TEMP TABLE emp AS SELECT row_number() OVER (ORDER BY "Id") - 1 AS i, "Id" AS id, "UnitId" AS unit FROM employees;
CREATE TEMP TABLE kinds AS SELECT row_number() OVER (ORDER BY "SortOrder") - 1 AS i, "Id" AS id FROM interaction_kinds;
SELECT count(*) AS ne FROM emp \gset
CREATE TEMP TABLE gen AS
SELECT g AS n, gen_random_uuid() AS interaction, gen_random_uuid() AS rating,
       e.id AS employee, e.unit AS unit, k.id AS kind, k.i AS ki,
       now() - (random() * interval '365 days') AS at, random() AS r1, random() AS r2, random() AS r3, random() AS r4
FROM generate_series(1, :n) g
JOIN emp e ON e.i = (g::bigint * 7919) % :ne
JOIN kinds k ON k.i = (CASE WHEN g % 10 < 4 THEN 0 WHEN g % 10 < 6 THEN 1 WHEN g % 10 < 8 THEN 4 ELSE g % 8 END);
INSERT INTO interactions ("Id", "KindId", "UnitId", "OccurredAt", "Channel", "Source", "RegisteredBy", "RegisteredAt", "Code", "ExpiresAt", "UsedAt")
SELECT interaction, kind, unit, at, 0, 0, 'bench', at, 'G' || :'batch' || '-' || n, at + interval '14 days', at FROM gen;
INSERT INTO interaction_employees ("InteractionId", "EmployeeId") SELECT interaction, employee FROM gen;
INSERT INTO ratings ("Id", "InteractionId", "UnitId", "KindId", "SubmittedAt", "Courtesy", "Competence", "Timeliness", "Resolved", "Trust",
                     "CommentStatus", "Status", "Culture", "Version")
SELECT rating, interaction, unit, kind, at,
       LEAST(5, GREATEST(1, 5 - floor(r1 * r1 * 4 + CASE WHEN ki = 4 THEN 1 ELSE 0 END)::int)),
       LEAST(5, GREATEST(1, 5 - floor(r2 * r2 * 4)::int)),
       LEAST(5, GREATEST(1, 5 - floor(r3 * r3 * 5)::int)),
       LEAST(5, GREATEST(1, 5 - floor(r4 * 4 + CASE WHEN ki = 4 THEN 1 ELSE 0 END)::int)),
       floor(random() * 11)::int, 0, 0, 'kk', 0
FROM gen;
DROP TABLE gen;
