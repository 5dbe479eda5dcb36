import os
import time

import pika

while True:
    try:
        connection = pika.BlockingConnection(pika.ConnectionParameters(host=os.environ['RABBITMQ_HOST']))
        channel = connection.channel()
        channel.queue_declare(queue='task_queue', durable=True)
        print(' [*] Waiting for messages. To exit press CTRL+C', flush=True)

        def callback(ch, method, properties, body):
            message = body.decode()
            print(f" [x] Received {message}", flush=True)
            time.sleep(message.count('.'))
            print(" [x] Done", flush=True)
            ch.basic_ack(delivery_tag=method.delivery_tag)

        channel.basic_qos(prefetch_count=1)
        channel.basic_consume(queue='task_queue', on_message_callback=callback, auto_ack=False)
        channel.start_consuming()
    except pika.exceptions.AMQPConnectionError as error:
        print(f"🚨[!] Error al conectar con RabbitMQ: {error}", flush=True)
        time.sleep(5)
