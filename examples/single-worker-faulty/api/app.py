"""API: takes a message over HTTP and publishes it to RabbitMQ's messages queue.

POST /api/message {"message": "..."} (basic auth) publishes the text as a persistent JSON
message and answers only once the broker confirmed it. GET /api/health answers 200 while the
API is connected to the broker and 503 while it is not; it reconnects by itself.
"""
import json
import os
import threading
import time

import pika
from flask import Flask, jsonify, request

RABBITMQ_HOST = os.getenv("RABBITMQ_HOST", "rabbitmq")
RABBITMQ_USER = os.getenv("RABBITMQ_USER", "app")
RABBITMQ_PASSWORD = os.environ["RABBITMQ_PASSWORD"]
QUEUE_NAME = os.getenv("QUEUE_NAME", "messages")
DEAD_LETTER_EXCHANGE = os.getenv("DEAD_LETTER_EXCHANGE", "messages.dlx")
DEAD_LETTER_QUEUE = os.getenv("DEAD_LETTER_QUEUE", "messages.dlq")
API_USER = os.getenv("API_USER", "api")
API_PASSWORD = os.environ["API_PASSWORD"]
MAX_MESSAGE_BYTES = 64 * 1024

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = MAX_MESSAGE_BYTES


def declare_topology(channel):
    """The same declarations as the workers: a durable queue that dead-letters into messages.dlq."""
    channel.exchange_declare(exchange=DEAD_LETTER_EXCHANGE, exchange_type="direct", durable=True)
    channel.queue_declare(queue=DEAD_LETTER_QUEUE, durable=True)
    channel.queue_bind(queue=DEAD_LETTER_QUEUE, exchange=DEAD_LETTER_EXCHANGE, routing_key=QUEUE_NAME)
    channel.queue_declare(
        queue=QUEUE_NAME,
        durable=True,
        arguments={"x-dead-letter-exchange": DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key": QUEUE_NAME},
    )


class Publisher:
    """One long-lived connection, shared by the request threads under a lock.

    A background thread (re)connects and services heartbeats, so a request never waits for
    DNS or a TCP timeout: while the broker is away it gets BrokerUnavailable at once.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.connection = None
        self.channel = None
        threading.Thread(target=self.keep_connected, daemon=True).start()

    def keep_connected(self):
        while True:
            with self.lock:
                connected = self.channel is not None
            if not connected:
                self.connect()
            else:
                with self.lock:
                    try:
                        self.connection.process_data_events(time_limit=0)
                    except Exception as error:  # the broker went away
                        self.drop(error)
            time.sleep(1)

    def connect(self):
        parameters = pika.ConnectionParameters(
            host=RABBITMQ_HOST,
            credentials=pika.PlainCredentials(RABBITMQ_USER, RABBITMQ_PASSWORD),
            heartbeat=10,
            connection_attempts=1,
            socket_timeout=2,
            blocked_connection_timeout=5,
        )
        try:
            connection = pika.BlockingConnection(parameters)
            channel = connection.channel()
            declare_topology(channel)
            channel.confirm_delivery()
        except (pika.exceptions.AMQPError, OSError) as error:
            print(f" [!] Broker unavailable ({error!r}); retrying", flush=True)
            return
        with self.lock:
            self.connection, self.channel = connection, channel
        print(" [*] Connected to the broker", flush=True)

    def drop(self, error):
        """Forgets a broken connection; the caller holds the lock."""
        print(f" [!] Lost the broker ({error!r})", flush=True)
        try:
            self.connection.close()
        except Exception:
            pass
        self.connection = self.channel = None

    @property
    def connected(self):
        with self.lock:
            return self.channel is not None

    def publish(self, body):
        """Publishes a persistent message and returns once the broker confirmed it."""
        with self.lock:
            if self.channel is None:
                raise BrokerUnavailable()
            try:
                self.channel.basic_publish(
                    exchange="",
                    routing_key=QUEUE_NAME,
                    body=body,
                    properties=pika.BasicProperties(
                        delivery_mode=pika.spec.PERSISTENT_DELIVERY_MODE,
                        content_type="application/json",
                    ),
                    mandatory=True,
                )
            except (pika.exceptions.UnroutableError, pika.exceptions.NackError) as error:
                raise BrokerUnavailable() from error
            except Exception as error:
                self.drop(error)
                raise BrokerUnavailable() from error


class BrokerUnavailable(Exception):
    pass


publisher = Publisher()


def authorized():
    auth = request.authorization
    return auth is not None and auth.username == API_USER and auth.password == API_PASSWORD


def unauthorized():
    response = jsonify(error="authentication required")
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Basic realm="api"'
    return response


@app.get("/api/health")
def health():
    if not publisher.connected:
        return jsonify(status="broker unavailable"), 503
    return jsonify(status="ok")


@app.post("/api/message")
def send_message():
    if not authorized():
        return unauthorized()
    # Flask reads a JSON body whatever its size: MAX_CONTENT_LENGTH only guards form parsing.
    if request.content_length is None:
        return jsonify(error="a Content-Length is required"), 411
    if request.content_length > MAX_MESSAGE_BYTES:
        return too_large(None)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="the body must be a JSON object"), 400
    message = data.get("message")
    if not isinstance(message, str) or not message.strip():
        return jsonify(error="'message' must be a non-empty string"), 400
    try:
        publisher.publish(json.dumps({"message": message}))
    except BrokerUnavailable:
        return jsonify(error="the message broker is unavailable"), 503
    print(f" [x] Sent {message}", flush=True)
    return jsonify(status="Message sent")


@app.errorhandler(413)
def too_large(_error):
    # Read what the client is still sending (up to 16 MiB) before answering: a server that
    # answers and closes mid-upload makes Traefik answer 502 instead of this 413.
    remaining = min(request.content_length or 0, 16 * 1024 * 1024)
    while remaining > 0:
        chunk = request.stream.read(min(remaining, 64 * 1024))
        if not chunk:
            break
        remaining -= len(chunk)
    return jsonify(error=f"the body exceeds {MAX_MESSAGE_BYTES} bytes"), 413


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, threaded=True)
