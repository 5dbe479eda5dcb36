import datetime
import os
import time

import pika

# Configuración
RABBITMQ_HOST = "rabbitmq"
RABBITMQ_QUEUE = "registro"
SERVICE_ID = os.getenv("SERVICE_ID", "app1")


def conectar_rabbitmq():
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=RABBITMQ_HOST))
    channel = connection.channel()
    channel.queue_declare(queue=RABBITMQ_QUEUE)
    return connection, channel


def enviar_registros():
    connection, channel = conectar_rabbitmq()
    print(f" [*] {SERVICE_ID} conectado a RabbitMQ")
    while True:
        mensaje = {
            "service_id": SERVICE_ID,
            "timestamp": datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "action": "registro",
        }
        channel.basic_publish(exchange="", routing_key=RABBITMQ_QUEUE, body=str(mensaje))
        print(f" [x] Enviado {mensaje}")
        time.sleep(2)


if __name__ == "__main__":
    # Si RabbitMQ no esta listo o se cae, esperamos y volvemos a conectar
    while True:
        try:
            enviar_registros()
        except pika.exceptions.AMQPError as e:
            print(f" [!] Error de conexion con RabbitMQ: {e}. Reintentando en 2 segundos...")
            time.sleep(2)
