import json
import os

import pika

EXCHANGE = "book_events"


def publish_book_event(kind, book):
    credentials = pika.PlainCredentials(os.getenv("RABBITMQ_USER"), os.getenv("RABBITMQ_PASSWORD"))
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=os.getenv("RABBITMQ_HOST"), credentials=credentials))
    channel = connection.channel()
    channel.exchange_declare(exchange=EXCHANGE, exchange_type="fanout", durable=True)
    channel.basic_publish(exchange=EXCHANGE, routing_key="", body=json.dumps({"type": kind, "book": book}))
    connection.close()
