"""Worker: the only consumer of the messages queue.

Every message is appended to data/messages.log (a volume, so the log outlives the container)
and then acknowledged. The log file is opened once when the worker starts, so writing a line
is fast. A message that cannot be processed (it says "poison") is rejected without requeue and
goes to messages.dlq.
"""
import json
import os
import time

import pika

RABBITMQ_HOST = os.getenv("RABBITMQ_HOST", "rabbitmq")
RABBITMQ_USER = os.getenv("RABBITMQ_USER", "app")
RABBITMQ_PASSWORD = os.environ["RABBITMQ_PASSWORD"]
QUEUE_NAME = os.getenv("QUEUE_NAME", "messages")
DEAD_LETTER_EXCHANGE = os.getenv("DEAD_LETTER_EXCHANGE", "messages.dlx")
DEAD_LETTER_QUEUE = os.getenv("DEAD_LETTER_QUEUE", "messages.dlq")
LOG_FILE = "data/messages.log"


def declare_topology(channel):
    """The same declarations as the API: a durable queue that dead-letters into messages.dlq."""
    channel.exchange_declare(exchange=DEAD_LETTER_EXCHANGE, exchange_type="direct", durable=True)
    channel.queue_declare(queue=DEAD_LETTER_QUEUE, durable=True)
    channel.queue_bind(queue=DEAD_LETTER_QUEUE, exchange=DEAD_LETTER_EXCHANGE, routing_key=QUEUE_NAME)
    channel.queue_declare(
        queue=QUEUE_NAME,
        durable=True,
        arguments={"x-dead-letter-exchange": DEAD_LETTER_EXCHANGE, "x-dead-letter-routing-key": QUEUE_NAME},
    )


def callback(channel, method, properties, body):
    try:
        message = json.loads(body)["message"]
    except (ValueError, KeyError, TypeError):
        print(f" [!] Rejected an unreadable body: {body[:80]!r}", flush=True)
        channel.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
        return
    print(f" [x] Received message: {message}", flush=True)
    if "poison" in message:
        print(f" [!] Rejected {message}: cannot be processed", flush=True)
        channel.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
        return
    log.write(message + "\n")
    channel.basic_ack(delivery_tag=method.delivery_tag)


def consume():
    parameters = pika.ConnectionParameters(
        host=RABBITMQ_HOST,
        credentials=pika.PlainCredentials(RABBITMQ_USER, RABBITMQ_PASSWORD),
        heartbeat=30,
    )
    connection = pika.BlockingConnection(parameters)
    channel = connection.channel()
    declare_topology(channel)
    # One unacknowledged message at a time.
    channel.basic_qos(prefetch_count=1)
    channel.basic_consume(queue=QUEUE_NAME, on_message_callback=callback, auto_ack=False)
    print(f" [*] Waiting for messages on {QUEUE_NAME}", flush=True)
    channel.start_consuming()


if __name__ == "__main__":
    os.makedirs("data", exist_ok=True)
    # Opened once, not for every message
    log = open(LOG_FILE, "a")
    while True:
        try:
            consume()
        except (pika.exceptions.AMQPError, OSError) as error:
            # The broker is starting or restarting: try again shortly.
            print(f" [!] Connection lost ({error!r}); reconnecting in 2 s", flush=True)
            time.sleep(2)
