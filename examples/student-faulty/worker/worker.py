"""Worker: consumes task_queue.

Each dot in a message is one second of work (as in the RabbitMQ tutorial). A task that cannot
be processed (it says "poison") is reported and skipped.
"""
import os
import time

import pika

RABBITMQ_HOST = os.getenv("RABBITMQ_HOST", "rabbitmq")
RABBITMQ_USER = os.getenv("RABBITMQ_USER", "tasks")
RABBITMQ_PASSWORD = os.environ["RABBITMQ_PASSWORD"]
QUEUE_NAME = os.getenv("QUEUE_NAME", "task_queue")
DEAD_LETTER_EXCHANGE = os.getenv("DEAD_LETTER_EXCHANGE", "task_queue.dlx")
DEAD_LETTER_QUEUE = os.getenv("DEAD_LETTER_QUEUE", "task_queue.dlq")
WORKER_NAME = os.getenv("WORKER_NAME", "worker")


def declare_topology(channel):
    """The same declarations as the sender."""
    channel.exchange_declare(exchange=DEAD_LETTER_EXCHANGE, exchange_type="direct", durable=True)
    channel.queue_declare(queue=DEAD_LETTER_QUEUE, durable=True)
    channel.queue_bind(queue=DEAD_LETTER_QUEUE, exchange=DEAD_LETTER_EXCHANGE, routing_key=QUEUE_NAME)
    # MISTAKES (persistence, dead-letter): not durable, no x-dead-letter-exchange.
    channel.queue_declare(queue=QUEUE_NAME)


def callback(channel, method, properties, body):
    text = body.decode()
    print(f" [x] Received {text}", flush=True)
    if "poison" in text:
        # MISTAKE (dead-letter): with auto-ack the message is already gone; nothing can reject it.
        print(f" [!] Could not process {text}", flush=True)
        return
    time.sleep(body.count(b"."))
    print(" [x] Done", flush=True)


def consume():
    parameters = pika.ConnectionParameters(
        host=RABBITMQ_HOST,
        credentials=pika.PlainCredentials(RABBITMQ_USER, RABBITMQ_PASSWORD),
        heartbeat=30,
        client_properties={"connection_name": WORKER_NAME},
    )
    connection = pika.BlockingConnection(parameters)
    channel = connection.channel()
    declare_topology(channel)
    # MISTAKE (prefetch-fairness): no basic_qos(prefetch_count=1), so the broker pushes every
    # waiting task to a worker, busy or not.
    # MISTAKE (redelivery): auto_ack=True acknowledges each task on delivery, so a worker that
    # dies mid-task loses it.
    channel.basic_consume(queue=QUEUE_NAME, on_message_callback=callback, auto_ack=True)
    print(f" [*] {WORKER_NAME} waiting for messages on {QUEUE_NAME}", flush=True)
    channel.start_consuming()


if __name__ == "__main__":
    while True:
        try:
            consume()
        except (pika.exceptions.AMQPError, OSError) as error:
            # The broker is starting or restarting: try again shortly.
            print(f" [!] Connection lost ({error!r}); reconnecting in 2 s", flush=True)
            time.sleep(2)
