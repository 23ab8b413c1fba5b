package dev.truce.jobs;

import com.github.kagkarlsson.scheduler.serializer.Serializer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores task data as JSON rather than Java serialisation: readable in the table, and a row written by one version
 * of Truce still reads in the next as long as the record's fields do.
 */
final class JsonTaskSerializer implements Serializer {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    public byte[] serialize(Object data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Cannot store job data " + data.getClass().getName() + " as JSON", e);
        }
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalStateException("Job data in the database does not read as " + type.getSimpleName(), e);
        }
    }
}
