-- The query-service instances that are running, each seen again every balance interval; see
-- dev.portico.query.projection.SegmentBalancing. An instance that owns no segment has no row in the token
-- table, so the instances that own too many could not know it is there to take some.
CREATE TABLE query_instances (
    instance_id VARCHAR(255) PRIMARY KEY,
    seen_at     TIMESTAMPTZ  NOT NULL
);
