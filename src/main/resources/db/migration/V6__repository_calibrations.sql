-- The latest calibration of each repository's strategies from its own earlier merges (truce calibrate, as JSON):
-- which strategies stay on per file kind, with the figures. newest_merge_time bounds what it learned from: a
-- calibration only ever knows merges committed before it (epoch seconds).
create table repository_calibrations (
    repository        varchar(200) primary key,
    calibrated_at     timestamp    not null,
    newest_merge_time bigint       not null,
    calibration       text         not null
);
