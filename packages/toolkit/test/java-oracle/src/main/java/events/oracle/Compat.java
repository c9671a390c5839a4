package events.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** SchemaCompatibility.checkReaderWriterCompatibility, and how a schema with references is parsed. */
final class Compat {
  private Compat() {}

  static void run(JsonNode job, ObjectNode result) {
    Schema reader = parse(job.get("reader"), "reader");
    Schema writer = parse(job.get("writer"), "writer");
    SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    result.put("result", pair.getType().name());
    ArrayNode list = result.putArray("incompatibilities");
    for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
      ObjectNode item = list.addObject();
      item.put("type", incompatibility.getType().name());
      item.put("location", incompatibility.getLocation());
      item.put("message", incompatibility.getMessage());
    }
  }

  /** Referenced schemas first, then the schema itself, into one parser (Confluent's AvroSchema.rawSchema). */
  static Schema parse(JsonNode texts, String role) {
    List<String> list = new ArrayList<>();
    texts.forEach(text -> list.add(text.asText()));
    Schema.Parser parser = new Schema.Parser();
    Schema last = null;
    for (int i = 0; i < list.size(); i++) {
      try {
        last = parser.parse(list.get(i));
      } catch (RuntimeException e) {
        String what = i == list.size() - 1 ? role : role + " reference " + (i + 1);
        throw new IllegalArgumentException(what + " does not parse: " + e.getMessage(), e);
      }
    }
    if (last == null) throw new IllegalArgumentException(role + " has no schema");
    return last;
  }
}
