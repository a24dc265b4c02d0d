import { PORTAL_MESSAGE_MAX_CHARS } from '../../../../shared/domain/portal-account';
import type { en } from './en';

/**
 * Spanish, with the same keys as en.ts (the type makes a missing or extra key a compile error).
 * Written for the person reading it, with "usted", as agencies address clients in Spanish.
 */
export const es: Record<keyof typeof en, string> = {
  'app.name': 'Portico',

  'language.other': 'English',

  'nav.label': 'Principal',
  'nav.skip': 'Ir al contenido principal',
  'nav.home': 'Inicio',
  'nav.messages': 'Mensajes',
  'nav.requests': 'Solicitudes',
  'nav.documents': 'Documentos',
  'nav.signOut': 'Cerrar sesión',

  'common.loading': 'Cargando…',
  'common.tryAgain': 'Intentar de nuevo',
  'common.pageNotDownloaded': 'Esta página no se abrió',

  'form.requiredNote': 'Las preguntas marcadas con * son obligatorias.',
  'form.choose': 'Elija…',
  'form.sending': 'Enviando…',
  'form.showPassword': 'Mostrar la contraseña',

  'error.unexpected': 'Algo salió mal. Inténtelo de nuevo.',
  'error.offline': 'No se pudo conectar con la agencia. Revise su conexión e inténtelo de nuevo.',
  'error.server': 'Algo salió mal en la agencia. Inténtelo de nuevo en un momento.',
  'error.invalidCredentials': 'El nombre de usuario o la contraseña no son correctos.',
  'error.sessionEnded': 'Su sesión terminó. Vuelva a iniciar sesión.',
  'error.sessionIdle': 'Se cerró su sesión después de 30 minutos sin actividad. Vuelva a iniciar sesión.',
  'error.reload': 'Esta página no está actualizada. Vuelva a cargarla e inténtelo de nuevo.',
  'error.notAllowed': 'Esto no se puede hacer desde su cuenta.',
  'error.checkAndRetry': 'No se pudo enviar. Revise lo que escribió e inténtelo de nuevo.',

  'signIn.title': 'Iniciar sesión',
  'signIn.intro':
    'Inicie sesión para leer los mensajes de su equipo de atención y responder a sus solicitudes.',
  'signIn.username': 'Nombre de usuario',
  'signIn.password': 'Contraseña',
  'signIn.usernameMissing': 'Escriba su nombre de usuario.',
  'signIn.passwordMissing': 'Escriba su contraseña.',
  'signIn.submit': 'Iniciar sesión',
  'signIn.busy': 'Iniciando sesión…',
  'signIn.newHere':
    '¿Es la primera vez? Abra el enlace de invitación que le envió su administrador de casos para crear su cuenta.',
  'signIn.signedOut': 'Cerró su sesión.',
  'signIn.idle': 'Se cerró su sesión después de 30 minutos sin actividad, para proteger su información.',
  'signIn.expired': 'Su sesión terminó. Vuelva a iniciar sesión.',

  'join.title': 'Cree su cuenta',
  'join.welcome':
    '¡Le damos la bienvenida, {name}! Elija un nombre de usuario y una contraseña para usar el Portal del Cliente.',
  'join.expires': 'Esta invitación es válida hasta el {date}.',
  'join.username': 'Nombre de usuario',
  'join.password': 'Contraseña',
  'join.confirm': 'Escriba la contraseña otra vez',
  'join.confirmMismatch': 'Las dos contraseñas no son iguales.',
  'join.rule.username':
    'Use de 3 a 30 letras, números, puntos, guiones o guiones bajos, y empiece con una letra o un número.',
  'join.rule.password':
    'Use al menos 10 caracteres, con al menos una letra y un número. No se aceptan contraseñas comunes como «password123».',
  'join.rule.passwordCommon':
    'Esa contraseña es una de las más usadas, así que es fácil de adivinar. Elija otra.',
  'join.submit': 'Crear la cuenta',
  'join.busy': 'Creando su cuenta…',
  'join.haveAccount': '¿Ya tiene una cuenta?',
  'join.signInLink': 'Inicie sesión',
  'join.error.noToken':
    'Esta página necesita el enlace de invitación completo. Vuelva a abrir el enlace que le envió su administrador de casos.',
  'join.error.notFound':
    'Este enlace de invitación no es válido. Asegúrese de haber abierto el enlace completo o pida uno nuevo a su administrador de casos.',
  'join.error.expired': 'Esta invitación ya venció. Pida una nueva a su administrador de casos.',
  'join.error.replaced':
    'Esta invitación fue reemplazada por una más reciente. Abra el último enlace que le envió su administrador de casos.',
  'join.error.cancelled': 'Esta invitación fue cancelada. Pida una nueva a su administrador de casos.',
  'join.error.used':
    'Esta invitación ya se usó. Inicie sesión con el nombre de usuario y la contraseña que eligió.',
  'join.error.usernameTaken': 'Ese nombre de usuario ya existe. Elija otro.',

  'idle.title': '¿Sigue ahí?',
  'idle.text':
    'Para proteger su información, pronto se cerrará su sesión porque no ha habido actividad por un rato.',
  'idle.countdown': 'La sesión se cerrará en {time}',
  'idle.stay': 'Mantener la sesión abierta',

  'dashboard.title': 'Hola, {name}',
  'dashboard.requests': 'Solicitudes para usted',
  'dashboard.requestsWaiting_one': 'Tiene {count} solicitud pendiente.',
  'dashboard.requestsWaiting_other': 'Tiene {count} solicitudes pendientes.',
  'dashboard.noRequests': 'No tiene nada pendiente por ahora.',
  'dashboard.allRequests': 'Ver todas las solicitudes',
  'dashboard.messages': 'Mensajes',
  'dashboard.unread_one': '{count} mensaje nuevo',
  'dashboard.unread_other': '{count} mensajes nuevos',
  'dashboard.noUnread': 'No hay mensajes nuevos',
  'dashboard.latest': 'Último mensaje',
  'dashboard.openMessages': 'Ir a los mensajes',
  'dashboard.careTeam': 'Su equipo de atención',
  'dashboard.noCareTeam': 'Todavía no aparece aquí nadie de su equipo de atención.',
  'dashboard.writeTo': 'Escribirle a {name}',
  'contacts.notAccepting': 'No recibe mensajes',

  'messages.title': 'Mensajes',
  'messages.new': 'Mensaje nuevo',
  'messages.none': 'Todavía no tiene mensajes.',
  'messages.listLabel': 'Conversaciones',
  'messages.unread': 'Nuevo',
  'messages.you': 'Usted',
  'messages.youPrefix': 'Usted:',
  'messages.back': 'Todos los mensajes',
  'messages.thread': 'Conversación',
  'messages.conversation': 'Mensajes de esta conversación',
  'messages.earlier': 'Mostrar mensajes anteriores',
  'messages.loadingEarlier': 'Cargando mensajes anteriores…',
  'messages.earlierShown': 'Los mensajes anteriores se muestran arriba.',
  'messages.reply': 'Su respuesta',
  'messages.send': 'Enviar',
  'messages.sending': 'Enviando…',
  'messages.sent': 'Se envió su mensaje.',
  'messages.empty': 'Escriba un mensaje antes de enviarlo.',
  'messages.length': '{count} de {max} caracteres',
  'messages.tooLong': 'Este mensaje tiene {count} caracteres. Use {max} como máximo, o envíelo en partes.',
  'messages.tooLongAny': `Este mensaje es demasiado largo. Use ${PORTAL_MESSAGE_MAX_CHARS.toLocaleString('es-US')} caracteres como máximo, o envíelo en partes.`,
  'messages.rateLimit':
    'Ha enviado muchos mensajes en el último minuto. Espere un minuto y vuelva a enviar este. Lo que escribió sigue aquí.',
  'messages.dailyLimit':
    'Ha enviado el máximo de mensajes que el portal permite en un día. Podrá enviar más mañana; su administrador de casos tiene los que envió.',
  'messages.cannotReply': 'Ya no puede responder en esta conversación.',
  'message.table': 'Tabla (deslice hacia los lados para verla completa)',
  'message.newTab': 'se abre en una pestaña nueva',

  'newMessage.title': 'Mensaje nuevo',
  'newMessage.to': 'Para',
  'newMessage.message': 'Mensaje',
  'newMessage.nobody': 'En este momento nadie de su equipo de atención recibe mensajes por el portal.',
  'newMessage.othersTitle': 'También en su equipo de atención',

  'requests.title': 'Solicitudes',
  'requests.intro': 'Su equipo de atención le pidió lo siguiente. Toque una solicitud para responderla.',
  'requests.none': 'No tiene solicitudes pendientes. ¡Gracias!',
  'requests.fromUntil': 'De {name} · Responda antes del {date}',
  'requests.fromDue': 'De {name} · Vence el {date}',
  'requests.overdue': 'Vencida',
  'requests.overdueSince': 'Vencía el {date}',
  'requestType.assessment': 'Evaluación',
  'requestType.document': 'Documentos',
  'requestType.location': 'Ubicación',
  'requestType.roi': 'Autorización para compartir información',
  'requests.ask.location': 'Comparta dónde está',
  'requests.ask.roi': 'Firme una autorización para compartir información',

  'request.title': 'Solicitud',
  'request.sentBy': 'Enviada por {name}, {agency}, el {date}',
  'request.backToList': 'Todas las solicitudes',
  'request.doneTitle': '¡Gracias!',
  'request.doneText': 'Su respuesta se envió a {name}.',
  'request.closed.completed': 'Ya respondió a esta solicitud.',
  'request.closed.cancelled': 'Esta solicitud fue cancelada. No tiene que hacer nada.',
  'request.closed.expired':
    'Esta solicitud ya venció. Pregunte a su administrador de casos si todavía la necesita.',

  'assessment.date': 'Fecha de la evaluación',
  'assessment.dateMissing': 'Escriba la fecha.',
  'assessment.notANumber': 'Escriba un número, solo con cifras (por ejemplo 3 o 12.50).',
  'assessment.notNegative': 'Escriba 0 o más: esta respuesta no puede ser negativa.',
  'assessment.atLeast': 'Escriba {min} o más.',
  'assessment.missing_one': 'Falta {count} pregunta obligatoria por responder.',
  'assessment.missing_other': 'Faltan {count} preguntas obligatorias por responder.',
  'assessment.toFix_one': 'Hay {count} respuesta que corregir: está marcada arriba.',
  'assessment.toFix_other': 'Hay {count} respuestas que corregir: están marcadas arriba.',
  'assessment.ready': 'Respondió todas las preguntas obligatorias.',
  'assessment.submit': 'Enviar respuestas',

  'document.category': 'Categoría',
  'document.name': 'Documento',
  'document.instructions': 'Tome una foto del documento o elija los archivos en su teléfono.',

  'upload.choose': 'Elegir archivos',
  'upload.chooseMore': 'Agregar más archivos',
  'upload.limit': 'Todos los archivos juntos pueden pesar hasta 25 MB.',
  'upload.chosen': 'Archivos elegidos',
  'upload.remove': 'Quitar {name}',
  'upload.total': 'Total: {total} de {max}',
  'upload.noFiles': 'Elija al menos un archivo.',
  'upload.overBy': 'Quite archivos para que el total baje al menos {amount}.',
  'upload.tooLarge':
    'Tamaño de archivo no válido. El total de todos los archivos debe ser igual o menor a 25 MB.',
  'upload.tooMany': 'Envíe 20 archivos como máximo a la vez.',
  'upload.quotaReached':
    'Sus documentos llegaron al espacio que el portal guarda para cada cliente, así que estos archivos no se pueden subir. Pida ayuda a su administrador de casos.',
  'upload.progress': 'Subiendo: {percent} %',
  'upload.uploading': 'Subiendo…',
  'upload.cancel': 'Cancelar la subida',
  'upload.submit': 'Subir',

  'location.instructions': 'Dígale a su equipo de atención dónde está o dónde pueden encontrarle.',
  'location.address': 'Dirección o lugar',
  'location.addressHint': 'Por ejemplo: 120 Main St, o la banca junto a la biblioteca de la calle 5.',
  'location.or': 'o',
  'location.useMine': 'Usar mi ubicación',
  'location.finding': 'Buscando su ubicación…',
  'location.found': 'Ubicación encontrada: {latitude}, {longitude} (con un margen de unos {accuracy} m).',
  'location.missing': 'Escriba una dirección o use su ubicación.',
  'location.submit': 'Compartir la ubicación',
  'location.error.denied':
    'Su teléfono no permitió que el portal usara su ubicación. Puede permitirlo en la configuración del navegador o escribir una dirección.',
  'location.error.unavailable':
    'No se pudo encontrar su ubicación. Inténtelo de nuevo al aire libre o escriba una dirección.',
  'location.error.timeout':
    'Encontrar su ubicación tardó demasiado. Inténtelo de nuevo o escriba una dirección.',
  'location.error.unsupported': 'Este navegador no puede compartir su ubicación aquí. Escriba una dirección.',

  'roi.intro':
    'Una autorización para compartir información permite que su agencia comparta su información con las personas que le ayudan. Lea lo que acepta y luego firme con su nombre.',
  'roi.what': 'Qué se comparte',
  'roi.whatText':
    'Su nombre, fecha de nacimiento y datos de contacto, los programas en los que participa, su equipo de atención, y los mensajes, evaluaciones, documentos y ubicaciones que envía.',
  'roi.with': 'Con quién se comparte',
  'roi.withAgencyOnly': 'Solo {agency}. Su expediente no se comparte con otras agencias.',
  'roi.withOthers': '{agency} y las demás agencias que comparten expedientes en Portico: {others}.',
  'roi.withOthersNone': '{agency} y otras agencias que comparten expedientes en Portico.',
  'roi.from': 'Desde',
  'roi.until': 'Hasta',
  'roi.signedOn': 'Fecha de la firma',
  'roi.signedOnHint': 'Hoy. La fecha se pone sola.',
  'roi.name': 'Su nombre completo',
  'roi.nameHint': 'Escriba su nombre completo como lo tiene {agency}: {name}.',
  'roi.nameMissing': 'Escriba su nombre completo para firmar.',
  'roi.nameMismatch': 'Escriba su nombre completo como lo tiene {agency}: {name}.',
  'roi.dateChanged':
    'La fecha cambió mientras esta página estaba abierta. Revise las nuevas fechas abajo y vuelva a firmar.',
  'roi.alreadyActive':
    'Ya tiene una autorización para compartir información vigente, así que esta no se puede firmar. Su administrador de casos le puede dar más información.',
  'roi.submit': 'Firmar',

  'documents.title': 'Documentos',
  'documents.intro':
    'Envíe un documento a su equipo de atención cuando quiera: una identificación, una carta, un talón de pago.',
  'documents.uploadTitle': 'Enviar un documento',
  'documents.name': '¿Qué documento es?',
  'documents.nameHint': 'Por ejemplo: identificación del estado, o carta de la clínica.',
  'documents.nameMissing': 'Diga qué documento es.',
  'documents.submit': 'Enviar el documento',
  'documents.sent': 'Se envió «{name}» a su equipo de atención.',
  'documents.yours': 'Documentos que envió',
  'documents.none': 'Todavía no ha enviado ningún documento.',
  'documents.sentOn': 'Enviado el {date}',

  'nav.settings': 'Ajustes',

  'settings.title': 'Ajustes',
  'settings.privacyLink': 'Quién puede ver mi expediente y quién lo miró',
  'notices.title': 'Avisos de mensajes nuevos',
  'notices.intro':
    'Podemos avisarle por correo o por mensaje de texto cuando su equipo le escribe o le envía una solicitud. El aviso solo dice que tiene algo nuevo y trae un enlace a este portal.',
  'notices.off':
    'Los avisos por correo o por texto están apagados: su agencia todavía no los ha configurado. Pregunte a su administrador de casos.',
  'notices.emailOff': 'El correo no está configurado en su agencia.',
  'notices.smsOff': 'Los mensajes de texto no están configurados en su agencia.',
  'notices.how': '¿Cómo le avisamos?',
  'notices.channel.none': 'No enviar avisos',
  'notices.channel.email': 'Correo electrónico',
  'notices.channel.sms': 'Mensaje de texto',
  'notices.channel.both': 'Correo y mensaje de texto',
  'notices.email': 'Correo electrónico',
  'notices.emailHint': 'Por ejemplo: nombre@ejemplo.org',
  'notices.phone': 'Número de celular',
  'notices.phoneHint': 'Por ejemplo: (503) 555-0142. Fuera de EE. UU., ponga + y el código del país.',
  'notices.details': 'Mostrar detalles',
  'notices.detailsOff': 'El aviso solo dice: “Tiene un mensaje nuevo. Abra su portal: enlace”.',
  'notices.detailsOn': 'El aviso también nombra a la agencia que escribió. Nunca incluye el mensaje.',
  'notices.quiet': 'Horas de silencio',
  'notices.quietHint':
    'No se envían avisos en las horas de silencio (hora de {zone}). Lo que llegue entonces espera hasta que terminen.',
  'notices.quietAgency': 'Las horas de silencio de mi agencia: de {start} a {end}',
  'notices.quietOwn': 'Elegir mis propias horas de silencio',
  'notices.quietFrom': 'Desde',
  'notices.quietTo': 'Hasta',
  'notices.save': 'Guardar',
  'notices.saving': 'Guardando…',
  'notices.saved': 'Sus ajustes de avisos están guardados.',
  'notices.emailMissing': 'Escriba su correo electrónico.',
  'notices.phoneMissing': 'Escriba su número de celular.',
  'notices.verified': 'Verificado',
  'notices.notVerified':
    'Todavía no está verificado: no se envían avisos allí hasta que escriba el código que le enviamos.',
  'notices.stopped.email':
    'Usted detuvo los avisos por correo el {date}. Guarde de nuevo para volver a recibirlos.',
  'notices.stopped.sms':
    'Usted respondió STOP el {date}. Guarde de nuevo para volver a recibir avisos por texto.',
  'notices.verify.title.email': 'Verifique su correo electrónico',
  'notices.verify.title.sms': 'Verifique su número de celular',
  'notices.verify.send': 'Enviarme un código',
  'notices.verify.sending': 'Enviando…',
  'notices.verify.sent': 'Enviamos un código de 6 dígitos a {to}. Sirve por 15 minutos.',
  'notices.verify.resend': 'Enviar otro código',
  'notices.verify.code': 'Código',
  'notices.verify.codeHint': 'Los 6 dígitos que le enviamos.',
  'notices.verify.codeMissing': 'Escriba los 6 dígitos del código.',
  'notices.verify.submit': 'Verificar',
  'notices.verify.done': 'Verificado. Los avisos irán a {to}.',
  'notices.error.wrongCode': 'Ese código no es correcto. Revise los 6 dígitos e intente de nuevo.',
  'notices.error.codeExpired': 'Este código venció. Pida uno nuevo.',
  'notices.error.tooManyAttempts': 'Demasiados códigos equivocados. Pida uno nuevo.',
  'notices.error.tooManyCodes': 'Se enviaron cinco códigos en la última hora. Espere una hora y pida otro.',
  'notices.error.noCode': 'Primero pida un código.',
  'notices.error.notSent': 'No se pudo enviar el código. Revise la dirección e intente de nuevo.',
  'notices.limits':
    'Como máximo un aviso por hora. Responda STOP a un texto, o use el enlace de un correo, para detenerlos de inmediato.',

  'privacy.sharing.title': 'Dejar de compartir con una agencia',
  'privacy.sharing.intro':
    'Puede impedir que otra agencia vea su expediente, incluso el personal de allí que está en su equipo de atención. Su propia agencia siempre lo guarda. Puede volver a compartirlo cuando quiera.',
  'privacy.sharing.none': 'No hay otras agencias en este sistema.',
  'privacy.sharing.sharing':
    'Puede ver su expediente cuando se comparte o cuando alguien de allí está en su equipo de atención.',
  'privacy.sharing.withdrawnSince':
    'Dejó de compartir con esta agencia el {date}. No puede ver su expediente.',
  'privacy.sharing.stop': 'Dejar de compartir con {agency}',
  'privacy.sharing.confirm':
    '¿Dejar de compartir con {agency}? Su personal ya no verá su expediente y se le avisará a su administrador de casos.',
  'privacy.sharing.confirmYes': 'Sí, dejar de compartir',
  'privacy.sharing.cancel': 'Cancelar',
  'privacy.sharing.shareAgain': 'Volver a compartir con {agency}',
  'privacy.sharing.stopped': 'Dejó de compartir su expediente con {agency}.',
  'privacy.sharing.restored': 'Volvió a compartir su expediente con {agency}.',
  'privacy.sharing.homeAgency':
    'Su propia agencia guarda su expediente y le atiende, así que no puede dejar de compartir con ella.',
  'privacy.title': 'Mi privacidad',
  'privacy.intro': 'Su agencia guarda su expediente. Aquí puede ver quién puede abrirlo y quién lo abrió.',
  'privacy.whoCanSee': 'Quién puede ver mi expediente',
  'privacy.whoLooked': 'Quién miró mi expediente',
  'privacy.whoLookedIntro':
    'Cada vez que el personal abrió su expediente en los últimos {days} días, lo más reciente primero.',
  'privacy.reason.own': '{agency} guarda su expediente. Su personal puede verlo. Desde el {date}.',
  'privacy.reason.shared':
    '{agency} puede verlo porque {sharedBy} comparte su expediente con las agencias de este sistema. Desde el {date}.',
  'privacy.reason.careTeam':
    'Una persona ({role}) de {agency} está en su equipo de atención, así que puede verlo. Desde el {date}.',
  'privacy.reason.admins':
    'Las personas que administran este sistema compartido (administradores del sistema) pueden ver todos los expedientes.',
  'privacy.noViews': 'Nadie de una agencia ha mirado su expediente en los últimos {days} días.',
  'privacy.view': '{who} de {agency} vio {part}',
  'privacy.viewNamed': '{name} ({who}) de {agency} vio {part}',
  'privacy.part.profile': 'su perfil',
  'privacy.part.messages': 'sus mensajes',
  'privacy.part.document': 'sus documentos',
  'privacy.part.assessment': 'sus evaluaciones',
  'privacy.part.location': 'sus ubicaciones',
  'privacy.part.roi': 'sus autorizaciones para compartir información',
  'privacy.part.file': 'un archivo de su expediente',
  'privacy.part.record': 'su expediente',
  'privacy.settingsLink': 'Avisos por correo o por texto',

  'unsubscribe.title': 'Avisos por correo',
  'unsubscribe.working': 'Deteniendo los avisos por correo…',
  'unsubscribe.done':
    'No recibirá más avisos por correo. Puede volver a activarlos en los ajustes del portal.',
  'unsubscribe.invalid': 'Este enlace no es válido. Puede cambiar sus avisos en los ajustes del portal.',
  'unsubscribe.signIn': 'Entrar al portal',

  'notFound.title': 'No se encontró la página',
  'notFound.text': 'No hay nada en esta dirección.',
  'notFound.home': 'Ir a la página de inicio',

  'units.bytes': '{n} bytes',
  'units.kb': '{n} KB',
  'units.mb': '{n} MB',
};
