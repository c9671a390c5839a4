package events.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes values of the writer schema and reads each back with GenericDatumReader(writer, reader) and no
 * conversions (logical types read as their underlying types). Only for a pair SchemaCompatibility calls
 * compatible; the answer says which it was.
 */
final class Values {
  private Values() {}

  static void run(JsonNode job, ObjectNode result) throws IOException {
    Schema writer = Compat.parse(job.get("writer"), "writer");
    Schema reader = Compat.parse(job.get("reader"), "reader");
    boolean compatible =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
            == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    result.put("compatible", compatible);
    if (!compatible) return;

    List<Object> data = new ValueGenerator(job.get("seed").asLong()).values(writer, job.get("count").asInt());
    GenericDatumWriter<Object> datumWriter = new GenericDatumWriter<>(writer, GenericData.get());
    GenericDatumReader<Object> datumReader = new GenericDatumReader<>(writer, reader, GenericData.get());
    ArrayNode out = result.putArray("values");
    HexFormat hex = HexFormat.of();
    for (Object datum : data) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
      ObjectNode item = out.addObject();
      try {
        datumWriter.write(datum, encoder);
        encoder.flush();
      } catch (RuntimeException e) {
        // A generator bug, not a finding: reported so the test fails loudly.
        item.put("writeError", e.getClass().getSimpleName() + ": " + e.getMessage());
        continue;
      }
      byte[] written = bytes.toByteArray();
      item.put("hex", hex.formatHex(written));
      try {
        Object read = datumReader.read(null, DecoderFactory.get().binaryDecoder(written, null));
        item.set("read", Canonical.of(reader, read));
      } catch (RuntimeException | IOException e) {
        item.put("readError", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
