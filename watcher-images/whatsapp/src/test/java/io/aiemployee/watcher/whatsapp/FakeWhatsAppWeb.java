package io.aiemployee.watcher.whatsapp;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Serves the WhatsApp Web stand-in page, its live chat list and the "phone scanned the QR code" switch. */
final class FakeWhatsAppWeb implements AutoCloseable {

    record Chat(String name, String preview, String time, int unread) {
    }

    private final HttpServer server;
    final List<Chat> chats = new CopyOnWriteArrayList<>();
    volatile boolean scanned;

    FakeWhatsAppWeb() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::page);
        server.createContext("/chats.json", exchange -> send(exchange, "application/json", chatsJson()));
        server.createContext("/scan-status", exchange -> send(exchange, "text/plain", scanned ? "scanned" : "waiting"));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    void set(Chat... value) {
        chats.clear();
        chats.addAll(List.of(value));
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        try (InputStream in = FakeWhatsAppWeb.class.getResourceAsStream("/whatsapp-web/index.html")) {
            send(exchange, "text/html; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private String chatsJson() {
        JsonArray array = new JsonArray();
        for (Chat chat : chats) {
            JsonObject object = new JsonObject();
            object.addProperty("name", chat.name());
            object.addProperty("preview", chat.preview());
            object.addProperty("time", chat.time());
            object.addProperty("unread", chat.unread());
            array.add(object);
        }
        return array.toString();
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
