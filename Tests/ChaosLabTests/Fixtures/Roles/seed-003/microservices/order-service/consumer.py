import json
import os

import pika

ORDER_BOOK_EVENTS_QUEUE = "order_book_events"


def start():
    credentials = pika.PlainCredentials(os.getenv("RABBITMQ_USER"), os.getenv("RABBITMQ_PASSWORD"))
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=os.getenv("RABBITMQ_HOST"), credentials=credentials))
    channel = connection.channel()
    channel.exchange_declare(exchange="book_events", exchange_type="fanout", durable=True)
    channel.queue_declare(queue=ORDER_BOOK_EVENTS_QUEUE, durable=True)
    channel.queue_bind(exchange="book_events", queue=ORDER_BOOK_EVENTS_QUEUE)

    def on_event(ch, method, properties, body):
        print(f"book event: {json.loads(body)}", flush=True)
        ch.basic_ack(delivery_tag=method.delivery_tag)

    channel.basic_consume(queue=ORDER_BOOK_EVENTS_QUEUE, on_message_callback=on_event)
    channel.start_consuming()
