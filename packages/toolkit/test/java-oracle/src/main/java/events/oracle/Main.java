package events.oracle;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads a batch of jobs ({"jobs": [...]}, from the file named by the first argument or from stdin) and writes
 * one JSON line per job to stdout, in order: one JVM start answers a whole test run.
 *
 * <ul>
 *   <li>{@code {"kind":"compat","id","reader":[...],"writer":[...]}}: SchemaCompatibility's verdict.
 *   <li>{@code {"kind":"values","id","writer":[...],"reader":[...],"seed","count"}}: values written with the
 *       writer schema and read with GenericDatumReader(writer, reader), when the pair is compatible.
 * </ul>
 *
 * A schema is a list of JSON texts parsed in order into one Schema.Parser, the last being the schema itself:
 * what Confluent's AvroSchema does with a schema's resolved references.
 */
public final class Main {
  public static void main(String[] args) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode input;
    try (InputStream in = args.length > 0 ? new java.io.FileInputStream(new File(args[0])) : System.in) {
      input = mapper.readTree(in);
    }
    JsonNode jobs = input.get("jobs");
    int total = jobs.size();
    long start = System.nanoTime();
    int step = Math.max(1, total / 4);
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.setRootValueSeparator(null);
      for (int index = 0; index < total; index++) {
        JsonNode job = jobs.get(index);
        ObjectNode result = run(mapper, job);
        mapper.writeTree(json, result);
        json.writeRaw('\n');
        if ((index + 1) % step == 0 || index + 1 == total) {
          System.err.printf(
              "java-oracle: %d/%d jobs (%.1f s)%n", index + 1, total, (System.nanoTime() - start) / 1e9);
        }
      }
    }
  }

  private static ObjectNode run(ObjectMapper mapper, JsonNode job) {
    ObjectNode result = mapper.createObjectNode();
    result.set("id", job.get("id"));
    try {
      switch (job.get("kind").asText()) {
        case "compat" -> Compat.run(job, result);
        case "values" -> Values.run(job, result);
        default -> result.put("error", "unknown job kind " + job.get("kind"));
      }
    } catch (RuntimeException | java.io.IOException e) {
      result.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return result;
  }
}
