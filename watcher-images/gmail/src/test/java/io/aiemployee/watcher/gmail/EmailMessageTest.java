package io.aiemployee.watcher.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartBody;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailMessageTest {

    @Test
    void aMessageWithoutTextPartsFallsBackToTheUnescapedSnippet() {
        MessagePart attachment = new MessagePart().setMimeType("application/pdf").setFilename("invoice.pdf")
                .setBody(new MessagePartBody().setAttachmentId("att-1").setSize(1000));
        Message message = new Message().setId("m1").setThreadId("t1").setSnippet("It&#39;s the invoice &amp; receipt")
                .setPayload(new MessagePart().setMimeType("multipart/mixed").setParts(List.of(attachment))
                        .setHeaders(List.of(new MessagePartHeader().setName("subject").setValue("Invoice"))));

        EmailMessage email = EmailMessage.from(message);

        assertThat(email.text()).isEqualTo("It's the invoice & receipt");
        assertThat(email.subject()).as("header names are case-insensitive").isEqualTo("Invoice");
        assertThat(email.received()).isNull();
    }

    @Test
    void excerptsAreCutAtAWordBoundary() {
        assertThat(PlainText.excerpt("short", 10)).isEqualTo("short");
        assertThat(PlainText.excerpt("one two three four five", 16)).isEqualTo("one two three …");
        assertThat(PlainText.excerpt("abcdefghijklmnop", 8)).as("no space nearby: a hard cut").isEqualTo("abcdefgh …");
        assertThat(PlainText.tidy("  a  \r\n\r\n\r\n b \n")).isEqualTo("a\n\nb");
    }
}
