import os

import pika

connection = pika.BlockingConnection(pika.ConnectionParameters(host=os.environ.get("RABBITMQ_HOST", "rabbitmq")))
channel = connection.channel()
channel.queue_declare(queue='messages')


def callback(ch, method, properties, body):
    message = body.decode()
    print(f"Received message: {message}")
    with open("data/messages.log", "a") as log:
        log.write(message + "\n")


channel.basic_consume(queue='messages', on_message_callback=callback, auto_ack=True)
channel.start_consuming()
