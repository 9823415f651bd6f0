-- Statements `shangji query` and page data loaders must refuse, one per line. The test fills in
-- {warehouse} (the warehouse queried), {other} (another warehouse), {secret} (a file outside both)
-- and {outside} (a folder outside both); a line ending "-- runs" is accepted by DuckDB but must still
-- write and read nothing.
COPY (SELECT 'x') TO '{warehouse}'
COPY (SELECT 'x') TO '{outside}/written.csv'
COPY (SELECT 'x') TO 'sandbox-written.csv'
COPY opportunities TO '{outside}/opportunities.parquet' (FORMAT parquet)
COPY reps FROM '{secret}'
COPY FROM DATABASE warehouse TO other
EXPORT DATABASE '{outside}/export'
EXPORT DATABASE '{outside}/export' (FORMAT parquet)
IMPORT DATABASE '{outside}'
ATTACH '{other}' AS other (READ_WRITE)
ATTACH '{other}' AS other (READ_ONLY)
ATTACH '{outside}/new.duckdb' AS fresh
ATTACH 'md:' AS cloud
SELECT * FROM read_csv('{secret}')
SELECT * FROM read_csv_auto('/etc/passwd')
SELECT * FROM '{secret}'
SELECT * FROM '{other}'
SELECT * FROM read_text('{secret}')
SELECT * FROM read_blob('{secret}')
SELECT * FROM read_json_auto('{secret}')
SELECT * FROM read_parquet('{outside}/*.parquet')
SELECT * FROM parquet_metadata('{secret}')
SELECT * FROM sniff_csv('{secret}')
SELECT * FROM glob('/root/*')
SELECT * FROM glob('{outside}/*')
SELECT * FROM read_csv('https://example.com/deals.csv')
INSTALL httpfs
LOAD httpfs
LOAD '{outside}/evil.duckdb_extension'
INSTALL excel FROM community
SET enable_external_access = true
SET GLOBAL enable_external_access = true
RESET enable_external_access
SET lock_configuration = false
RESET lock_configuration
SET allowed_directories = ['/']
SET allowed_paths = ['{secret}']
SET temp_directory = '{outside}'
SET memory_limit = '100TB'
PRAGMA memory_limit = '100TB'
SET profiling_output = '{outside}/profile.json'
CREATE SECRET (TYPE s3, KEY_ID 'key', SECRET 'secret')
CREATE PERSISTENT SECRET (TYPE s3, KEY_ID 'key', SECRET 'secret')
DROP TABLE opportunities
DELETE FROM opportunities
UPDATE opportunities SET amount = 0
INSERT INTO reps (rep_id, _ingest_id, _file, _line) VALUES ('R9', 1, 'x', 1)
CREATE TABLE copied AS SELECT * FROM opportunities
CREATE VIEW everything AS SELECT * FROM opportunities
CHECKPOINT -- runs
VACUUM -- runs
CALL enable_logging(storage = 'file', storage_path = '{outside}/log') -- runs
