"""Cliente: cada GET /cliente/<nombre> publica un evento "visita" en RabbitMQ.

Cada evento lleva un message_id unico y se publica como mensaje persistente en el exchange
durable eventos_clientes, con confirmacion del broker (publisher confirms). La respuesta 200
se envia solo cuando el broker ya confirmo el evento; si RabbitMQ no responde, rechaza el
evento (nack) o no lo puede enrutar, la respuesta es 503 y el evento no se conto.

pika no es thread-safe y Flask atiende cada peticion en un hilo, asi que hay UNA conexion por
proceso, usada con un lock. Si la conexion se cerro (por ejemplo, RabbitMQ se reinicio) se
abre otra y el mismo evento se envia una vez mas, con el MISMO message_id, asi el reporte
puede descartar el repetido si el primero si habia llegado.
"""
import json
import os
import threading
import uuid
from datetime import datetime

import pika
from flask import Flask

# Configuración
RABBITMQ_HOST = os.getenv("RABBITMQ_HOST", "rabbitmq")
RABBITMQ_USER = os.getenv("RABBITMQ_USER", "analiticas")
RABBITMQ_PASSWORD = os.environ["RABBITMQ_PASSWORD"]
SERVICE_ID = os.getenv("SERVICE_ID", "app1")
EXCHANGE = "eventos_clientes"
COLA = "cola_analiticas"
ROUTING_KEY = "analiticas"

app = Flask(__name__)

# Una sola conexion por proceso, compartida por los hilos de Flask con este lock
lock = threading.Lock()
connection = None
channel = None


def conectar_rabbitmq():
    parametros = pika.ConnectionParameters(
        host=RABBITMQ_HOST,
        credentials=pika.PlainCredentials(RABBITMQ_USER, RABBITMQ_PASSWORD),
        # Sin hilo que atienda los heartbeats: una conexion inactiva se cae y se abre otra;
        # un heartbeat corto limita lo que una peticion espera a un broker que no contesta
        heartbeat=10,
        connection_attempts=1,
        socket_timeout=2,
        blocked_connection_timeout=5,
        client_properties={"connection_name": f"cliente-{SERVICE_ID}"},
    )
    nueva_conexion = pika.BlockingConnection(parametros)
    nuevo_canal = nueva_conexion.channel()
    # Mismas declaraciones que el reporte: exchange y cola durables
    nuevo_canal.exchange_declare(exchange=EXCHANGE, exchange_type="direct", durable=True)
    nuevo_canal.queue_declare(queue=COLA, durable=True)
    nuevo_canal.queue_bind(queue=COLA, exchange=EXCHANGE, routing_key=ROUTING_KEY)
    # El broker confirma cada mensaje publicado
    nuevo_canal.confirm_delivery()
    print(f" [*] {SERVICE_ID} conectado a RabbitMQ")
    return nueva_conexion, nuevo_canal


def canal_abierto():
    """El canal de la conexion actual; si no hay o ya se cerro, abre otra. Se llama con el lock."""
    global connection, channel
    if connection is None or connection.is_closed or channel is None or channel.is_closed:
        cerrar_conexion()
        connection, channel = conectar_rabbitmq()
    return channel


def cerrar_conexion():
    """Olvida la conexion actual (cerrandola si sigue abierta). Se llama con el lock."""
    global connection, channel
    if connection is not None and connection.is_open:
        try:
            connection.close()
        except Exception:
            pass
    connection = None
    channel = None


@app.route("/cliente/<nombre>")
def registrar_visita(nombre):
    mensaje = {
        "cliente": SERVICE_ID,
        "evento": "visita",
        "timestamp": datetime.now().isoformat(),
    }
    message_id = str(uuid.uuid4())
    with lock:
        # Dos intentos: si la conexion estaba caida, el segundo va por una conexion nueva
        for intento in (1, 2):
            try:
                channel = canal_abierto()
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
                # Si llegamos aqui el broker ya confirmo el mensaje
                break
            except pika.exceptions.UnroutableError:
                print(f" [!] El evento {message_id} no llego a ninguna cola")
                return "El evento no se pudo registrar, intente de nuevo\n", 503
            except pika.exceptions.NackError:
                print(f" [!] El broker rechazo el evento {message_id} (nack)")
                return "El evento no se pudo registrar, intente de nuevo\n", 503
            except (pika.exceptions.AMQPError, OSError) as error:
                print(f" [!] No hay conexion con RabbitMQ ({error!r}), intento {intento} de 2")
                cerrar_conexion()
        else:
            return "RabbitMQ no esta disponible, intente de nuevo\n", 503
    print(f" [x] Enviado {mensaje} (id {message_id}) desde /cliente/{nombre}")
    return f"Visita registrada por {SERVICE_ID}\n"


@app.route("/salud")
def salud():
    # Solo dice que Flask responde: no publica nada
    return "ok\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, threaded=True)
