"""Worker: consumes task_queue one task at a time.

Each dot in a message is one second of work (as in the RabbitMQ tutorial). A task is
acknowledged only when it is done, so a worker that dies mid-task gives it back to the broker;
a task that cannot be processed (it says "poison") is rejected without requeue and goes to
task_queue.dlq.
"""
import json
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
    """The same declarations as the sender: a durable queue that dead-letters into task_queue.dlq."""
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
    print(f" [x] Received {message}", flush=True)
    if "poison" in message:
        print(f" [!] Rejected {message}: cannot be processed", flush=True)
        channel.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
        return
    time.sleep(message.count("."))
    print(" [x] Done", flush=True)
    channel.basic_ack(delivery_tag=method.delivery_tag)


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
    # One unacknowledged task at a time: a busy worker is not sent more.
    channel.basic_qos(prefetch_count=1)
    channel.basic_consume(queue=QUEUE_NAME, on_message_callback=callback, auto_ack=False)
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
