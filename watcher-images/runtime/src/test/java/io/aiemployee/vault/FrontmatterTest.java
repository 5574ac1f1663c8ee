package io.aiemployee.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontmatterTest {

    @Test
    void roundTripsFieldsInOrderAndTheBodyByteForByte() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "file_drop");
        fields.put("original_name", "Q3 Rechnung – März.pdf");
        fields.put("size", 1234);
        fields.put("status", "pending");
        String body = "# New file\n\nSome *markdown* with --- inside a line.\n";
        String text = Frontmatter.render(new ActionDocument(fields, body));

        ActionDocument parsed = Frontmatter.parse(text);

        assertThat(parsed.fields()).containsExactlyEntriesOf(fields);
        assertThat(parsed.body()).isEqualTo(body);
    }

    @Test
    void refusesAliasBombsInsteadOfExpandingThem() {
        StringBuilder yaml = new StringBuilder("---\na: &a [x,x,x,x,x,x,x,x,x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [*").append(prev).append(",*").append(prev)
                    .append(",*").append(prev).append(",*").append(prev).append("]\n");
        }
        yaml.append("---\n");
        assertThatThrownBy(() -> Frontmatter.parse(yaml.toString()))
                .isInstanceOf(MalformedFrontmatterException.class)
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void refusesCustomTagsThatWouldConstructJavaObjects() {
        assertThatThrownBy(() -> Frontmatter.parse("---\nx: !!javax.script.ScriptEngineManager []\n---\n"))
                .isInstanceOf(MalformedFrontmatterException.class);
    }

    @Test
    void explainsMissingAndUnclosedFrontmatter() {
        assertThatThrownBy(() -> Frontmatter.parse("just text")).hasMessageContaining("must start with a '---'");
        assertThatThrownBy(() -> Frontmatter.parse("---\na: 1\n")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Frontmatter.parse("---\n- a\n- b\n---\n")).hasMessageContaining("mapping");
        assertThatThrownBy(() -> Frontmatter.parse("---\na: 1\n---\n\0\0")).hasMessageContaining("binary");
    }
}
