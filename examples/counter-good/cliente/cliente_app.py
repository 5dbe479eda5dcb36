"""Cliente: publica un evento "visita" cada 2 segundos en RabbitMQ.

Cada evento lleva un message_id unico y se publica como mensaje persistente en el exchange
durable eventos_clientes, con confirmacion del broker (publisher confirms). Si la conexion se
cae (por ejemplo, RabbitMQ se reinicia) el evento pendiente se vuelve a enviar con el MISMO
message_id despues de reconectar, asi el reporte puede descartar el repetido.
"""
import json
import os
import time
import uuid
from datetime import datetime

import pika

# Configuración
RABBITMQ_HOST = os.getenv("RABBITMQ_HOST", "rabbitmq")
RABBITMQ_USER = os.getenv("RABBITMQ_USER", "analiticas")
RABBITMQ_PASSWORD = os.environ["RABBITMQ_PASSWORD"]
SERVICE_ID = os.getenv("SERVICE_ID", "app1")
EXCHANGE = "eventos_clientes"
COLA = "cola_analiticas"
ROUTING_KEY = "analiticas"
INTERVALO = 2  # segundos entre eventos


def conectar_rabbitmq():
    parametros = pika.ConnectionParameters(
        host=RABBITMQ_HOST,
        credentials=pika.PlainCredentials(RABBITMQ_USER, RABBITMQ_PASSWORD),
        heartbeat=30,
        client_properties={"connection_name": f"cliente-{SERVICE_ID}"},
    )
    connection = pika.BlockingConnection(parametros)
    channel = connection.channel()
    # Mismas declaraciones que el reporte: exchange y cola durables
    channel.exchange_declare(exchange=EXCHANGE, exchange_type="direct", durable=True)
    channel.queue_declare(queue=COLA, durable=True)
    channel.queue_bind(queue=COLA, exchange=EXCHANGE, routing_key=ROUTING_KEY)
    # El broker confirma cada mensaje publicado
    channel.confirm_delivery()
    return connection, channel


def nuevo_evento():
    mensaje = {
        "cliente": SERVICE_ID,
        "evento": "visita",
        "timestamp": datetime.now().isoformat(),
    }
    return mensaje, str(uuid.uuid4())


def publicar(channel, mensaje, message_id):
    channel.basic_publish(
        exchange=EXCHANGE,
        routing_key=ROUTING_KEY,
        body=json.dumps(mensaje),
        properties=pika.BasicProperties(
            delivery_mode=2,  # mensaje persistente
            message_id=message_id,
            content_type="application/json",
        ),
        mandatory=True,
    )


def main():
    pendiente = None  # evento que todavia no ha confirmado el broker
    while True:
        connection = None
        try:
            connection, channel = conectar_rabbitmq()
            print(f" [*] {SERVICE_ID} conectado a RabbitMQ, enviando un evento cada {INTERVALO} s")
            while True:
                if pendiente is None:
                    pendiente = nuevo_evento()
                mensaje, message_id = pendiente
                publicar(channel, mensaje, message_id)
                # Si llegamos aqui el broker ya confirmo el mensaje
                print(f" [x] Enviado {mensaje} (id {message_id})")
                pendiente = None
                connection.sleep(INTERVALO)
        except pika.exceptions.UnroutableError:
            print(" [!] El mensaje no llego a ninguna cola, se reintenta en 2 s")
            time.sleep(2)
        except pika.exceptions.NackError:
            print(" [!] El broker rechazo el mensaje (nack), se reintenta en 2 s")
            time.sleep(2)
        except (pika.exceptions.AMQPError, OSError) as error:
            print(f" [!] No hay conexion con RabbitMQ ({error!r}), reintentando en 2 s")
            time.sleep(2)
        finally:
            if connection is not None and connection.is_open:
                try:
                    connection.close()
                except Exception:
                    pass


if __name__ == "__main__":
    main()
