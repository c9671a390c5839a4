package events.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * A datum as JSON, walked with the schema it was read into (the mapping the TS side compares against, see the
 * toolkit README, "Differential tests against Java"): long as a decimal string, float and double as numbers or
 * "NaN"/"Infinity"/"-Infinity", bytes and fixed as lowercase hex, enum as its symbol, map as an object, record
 * as an object of the reader's field names, union as {"branch": full name or type name, "value": ...}.
 * Logical types are not converted: their underlying value is what GenericDatumReader returns without conversions.
 */
final class Canonical {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private Canonical() {}

  static JsonNode of(Schema schema, Object datum) {
    return switch (schema.getType()) {
      case NULL -> NODES.nullNode();
      case BOOLEAN -> NODES.booleanNode((Boolean) datum);
      case INT -> NODES.numberNode((Integer) datum);
      case LONG -> NODES.textNode(Long.toString((Long) datum));
      case FLOAT -> floating(((Float) datum).doubleValue());
      case DOUBLE -> floating((Double) datum);
      case STRING -> NODES.textNode(datum.toString());
      case BYTES -> NODES.textNode(hexOf((ByteBuffer) datum));
      case FIXED -> NODES.textNode(HEX.formatHex(((GenericFixed) datum).bytes()));
      case ENUM -> NODES.textNode(datum.toString());
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Iterable<?>) datum) array.add(of(schema.getElementType(), item));
        yield array;
      }
      case MAP -> {
        ObjectNode map = NODES.objectNode();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet())
          map.set(entry.getKey().toString(), of(schema.getValueType(), entry.getValue()));
        yield map;
      }
      case RECORD -> {
        ObjectNode record = NODES.objectNode();
        IndexedRecord indexed = (IndexedRecord) datum;
        for (Schema.Field field : schema.getFields())
          record.set(field.name(), of(field.schema(), indexed.get(field.pos())));
        yield record;
      }
      case UNION -> {
        int index = GenericData.get().resolveUnion(schema, datum);
        Schema branch = schema.getTypes().get(index);
        ObjectNode union = NODES.objectNode();
        union.put("branch", branchName(branch));
        union.set("value", of(branch, datum));
        yield union;
      }
    };
  }

  static String branchName(Schema branch) {
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED -> branch.getFullName();
      default -> branch.getType().getName();
    };
  }

  private static JsonNode floating(double value) {
    if (Double.isNaN(value)) return NODES.textNode("NaN");
    if (Double.isInfinite(value)) return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
    return NODES.numberNode(value);
  }

  private static String hexOf(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return HEX.formatHex(bytes);
  }
}
